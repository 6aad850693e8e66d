package dev.junction.framing;

/**
 * Finds where one JSON value ends without parsing it: tracks nesting depth, strings and escapes
 * across input buffers. It does not validate: {@code {]} closes like {@code {}}, and the codec
 * reports bad JSON later. Not thread-safe.
 */
final class JsonValueScanner {
    private int depth;
    private boolean inString;
    private boolean escape;
    private boolean scalar;

    /** Starts a value whose first byte is {@code first} (already consumed). */
    void start(byte first) {
        depth = 0;
        escape = false;
        inString = false;
        scalar = false;
        if (first == '{' || first == '[') {
            depth = 1;
        } else if (first == '"') {
            inString = true;
        } else {
            scalar = true;
        }
    }

    /** True for a top-level number, literal or other bare word, which ends at whitespace. */
    boolean isScalar() {
        return scalar;
    }

    /**
     * Scans {@code a[from, to)}. Returns the index just past the value's last byte, or -1 if the value
     * goes on past {@code to}. A scalar ends before the first JSON whitespace byte.
     */
    int scan(byte[] a, int from, int to) {
        int i = from;
        if (scalar) {
            for (; i < to; i++) {
                if (AbstractFrameDecoder.isJsonWhitespace(a[i])) {
                    return i;
                }
            }
            return -1;
        }
        int d = depth;
        try {
            while (i < to) {
                if (inString) {
                    if (escape) {
                        escape = false;
                        i++;
                    }
                    // Tight loop to the next quote or backslash.
                    while (i < to) {
                        byte b = a[i++];
                        if (b == '"') {
                            inString = false;
                            if (d == 0) {
                                return i;
                            }
                            break;
                        }
                        if (b == '\\') {
                            if (i < to) {
                                i++;
                            } else {
                                escape = true;
                            }
                        }
                    }
                    continue;
                }
                byte b = a[i++];
                switch (b) {
                    case '"' -> inString = true;
                    case '{', '[' -> d++;
                    case '}', ']' -> {
                        if (--d == 0) {
                            return i;
                        }
                    }
                    default -> {}
                }
            }
            return -1;
        } finally {
            depth = d;
        }
    }
}
