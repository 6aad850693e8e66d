package dev.junction.framing;

import java.util.Arrays;

/**
 * Decodes frames ended by one delimiter byte (newline, terminator). With {@code newlineRules} one
 * trailing {@code \r} is stripped and blank lines (only spaces, tabs and {@code \r}) are skipped;
 * without, only empty frames are skipped. More than {@code maxFrameBytes} bytes without a delimiter
 * are reported as oversize at once (recoverable) and dropped up to the next delimiter. A non-blank
 * unterminated frame at end of stream is TRUNCATED. Not thread-safe.
 */
final class DelimitedDecoder extends AbstractFrameDecoder {
    private final byte delimiter;
    private final boolean newlineRules;
    private final ByteAccumulator acc;
    private boolean discarding;

    DelimitedDecoder(String framingName, int maxFrameBytes, byte delimiter, boolean newlineRules) {
        super(framingName, maxFrameBytes);
        this.delimiter = delimiter;
        this.newlineRules = newlineRules;
        // One more byte than the limit for the \r before a \n.
        this.acc = new ByteAccumulator(newlineRules ? maxFrameBytes + 1 : maxFrameBytes);
    }

    @Override
    void process(byte[] a, int from, int to, FrameSink sink) {
        int i = from;
        while (i < to) {
            int d = indexOf(a, i, to, delimiter);
            if (discarding) {
                if (d < 0) {
                    return;
                }
                discarding = false;
                i = d + 1;
                continue;
            }
            if (d < 0) {
                long total = (long) acc.length() + (to - i);
                if (total > maxFrameBytes && !(newlineRules && total == maxFrameBytes + 1 && a[to - 1] == '\r')) {
                    acc.reset();
                    discarding = true;
                    oversize(sink, -1);
                } else {
                    acc.append(a, i, to - i);
                }
                return;
            }
            line(a, i, d, sink);
            i = d + 1;
        }
    }

    /** A delimiter arrived at {@code end}; the line is what is buffered plus {@code a[start, end)}. */
    private void line(byte[] a, int start, int end, FrameSink sink) {
        int n = end - start;
        if (acc.length() == 0) {
            if (newlineRules && n > 0 && a[end - 1] == '\r') {
                n--;
            }
            if (skippable(a, start, n)) {
                return;
            }
            if (n > maxFrameBytes) {
                oversize(sink, n);
                return;
            }
            sink.onFrame(Arrays.copyOfRange(a, start, start + n));
            return;
        }
        int total = acc.length() + n;
        boolean cr = newlineRules && (n > 0 ? a[end - 1] == '\r' : acc.byteAt(acc.length() - 1) == '\r');
        int content = cr ? total - 1 : total;
        if (content > maxFrameBytes) {
            acc.reset();
            oversize(sink, content);
            return;
        }
        int fromInput = Math.min(n, content - acc.length());
        if (fromInput > 0) {
            acc.append(a, start, fromInput);
        }
        if (newlineRules && isBlank(acc, content)) {
            acc.reset();
            return;
        }
        sink.onFrame(acc.take(content));
    }

    private boolean skippable(byte[] a, int start, int n) {
        if (n == 0) {
            return true;
        }
        if (!newlineRules) {
            return false;
        }
        for (int i = start, end = start + n; i < end; i++) {
            byte b = a[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(ByteAccumulator acc, int n) {
        for (int i = 0; i < n; i++) {
            byte b = acc.byteAt(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    void finish(FrameSink sink) {
        int n = acc.length();
        if (n == 0 || discarding) {
            return;
        }
        if (newlineRules && isBlank(acc, n)) {
            acc.reset();
            return;
        }
        truncated(sink, n + " bytes without a final " + describe(delimiter));
    }

    @Override
    void release() {
        acc.release();
    }
}
