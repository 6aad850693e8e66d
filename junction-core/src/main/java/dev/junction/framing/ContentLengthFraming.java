package dev.junction.framing;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Length} headers, as the Language Server Protocol frames messages: {@code
 * Content-Length: N\r\n\r\n} then N payload bytes. The name in URIs is {@code content-length}.
 *
 * <p>Encoding writes exactly one {@code Content-Length} header and never fails. Decoding reads header
 * lines up to an empty line, accepting {@code \r\n} and bare {@code \n} line ends; header names are
 * case-insensitive and headers other than {@code Content-Length} (such as {@code Content-Type}) are
 * ignored. A header block over 8 KiB, a line without a colon, a missing, non-numeric or negative
 * {@code Content-Length}, or two that disagree are fatal MALFORMED errors. A length over {@code
 * maxFrameBytes} is reported as OVERSIZE (recoverable) when the header block ends, before any body
 * byte is buffered; the body is then skipped. A zero length gives an empty frame. The stream ending
 * inside a header block or a body is TRUNCATED (except inside a skipped body, already reported).
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class ContentLengthFraming implements Framing {
    static final ContentLengthFraming INSTANCE = new ContentLengthFraming();

    /** The largest header block accepted, line ends included. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    private static final int MAX_LENGTH_DIGITS = 18;
    // Shared and never changed: FrameOutput may keep the arrays it is given.
    private static final byte[] HEADER_START = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ContentLengthFraming() {}

    @Override
    public String name() {
        return "content-length";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new Decoder(maxFrameBytes);
    }

    /** Writes {@code Content-Length: N\r\n\r\n} and the payload; never throws. */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        out.write(HEADER_START);
        writeDecimal(payload.length, out);
        out.write(HEADER_END);
        out.write(payload);
    }

    private static void writeDecimal(int n, FrameOutput out) {
        if (n >= 10) {
            writeDecimal(n / 10, out);
        }
        out.writeByte('0' + n % 10);
    }

    @Override
    public String toString() {
        return "Framing[content-length]";
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private static final byte[] NO_PREFIX = new byte[0];
        private static final byte[] NAME = "content-length".getBytes(StandardCharsets.US_ASCII);

        private final ByteAccumulator line = new ByteAccumulator(MAX_HEADER_BYTES);
        private final LengthPrefixedBody body = new LengthPrefixedBody();
        private boolean inBody;
        private int headerBytes;
        private long contentLength = -1;

        Decoder(int maxFrameBytes) {
            super("content-length", maxFrameBytes);
        }

        @Override
        void process(byte[] a, int from, int to, FrameSink sink) {
            int i = from;
            while (i < to) {
                if (inBody) {
                    i = body.feed(a, i, to);
                    if (body.complete()) {
                        inBody = false;
                        sink.onFrame(body.take());
                    } else if (!body.active()) {
                        inBody = false;
                    }
                    continue;
                }
                int lf = indexOf(a, i, to, (byte) '\n');
                int end = lf < 0 ? to : lf + 1;
                if (headerBytes + (end - i) > MAX_HEADER_BYTES) {
                    fail(
                            sink,
                            FramingException.Kind.MALFORMED,
                            "the header block is longer than " + MAX_HEADER_BYTES + " bytes");
                    return;
                }
                headerBytes += end - i;
                if (lf < 0) {
                    line.append(a, i, to - i);
                    return;
                }
                boolean ended;
                if (line.length() == 0) {
                    ended = headerLine(a, i, lf, sink);
                } else {
                    line.append(a, i, lf - i);
                    byte[] whole = line.take(line.length());
                    ended = headerLine(whole, 0, whole.length, sink);
                }
                i = lf + 1;
                if (failed()) {
                    return;
                }
                if (ended) {
                    i = startBody(a, i, to, sink);
                }
            }
        }

        /**
         * Handles one header line, {@code b[from, to)} without its LF, in place (no String unless it
         * is refused). Returns true when it was the empty line that ends the header block; after a
         * fatal error {@link #failed()} is true.
         */
        private boolean headerLine(byte[] b, int from, int to, FrameSink sink) {
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            if (to == from) {
                if (contentLength < 0) {
                    fail(sink, FramingException.Kind.MALFORMED, "the header block has no Content-Length header");
                }
                return true;
            }
            int colon = indexOf(b, from, to, (byte) ':');
            if (colon <= from) {
                fail(sink, FramingException.Kind.MALFORMED, "a header line has no name and ':': " + quote(b, from, to));
                return false;
            }
            if (!isContentLength(b, from, colon)) {
                return false;
            }
            int valueFrom = trimStart(b, colon + 1, to);
            int valueTo = trimEnd(b, valueFrom, to);
            long n = parseLength(b, valueFrom, valueTo);
            if (n < 0) {
                fail(
                        sink,
                        FramingException.Kind.MALFORMED,
                        "the Content-Length value is not a length: " + quote(b, valueFrom, valueTo));
                return false;
            }
            if (contentLength >= 0 && contentLength != n) {
                fail(
                        sink,
                        FramingException.Kind.MALFORMED,
                        "two Content-Length headers disagree: " + contentLength + " and " + n);
                return false;
            }
            contentLength = n;
            return false;
        }

        /** Whether {@code b[from, to)}, trimmed as {@link String#trim} does, is the header name, in any case. */
        private static boolean isContentLength(byte[] b, int from, int to) {
            int start = trimStart(b, from, to);
            int end = trimEnd(b, start, to);
            if (end - start != NAME.length) {
                return false;
            }
            for (int k = 0; k < NAME.length; k++) {
                int c = b[start + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != NAME[k]) {
                    return false;
                }
            }
            return true;
        }

        /** As {@link String#trim}: characters up to and including a space are trimmed. */
        private static int trimStart(byte[] b, int from, int to) {
            while (from < to && (b[from] & 0xFF) <= ' ') {
                from++;
            }
            return from;
        }

        private static int trimEnd(byte[] b, int from, int to) {
            while (to > from && (b[to - 1] & 0xFF) <= ' ') {
                to--;
            }
            return to;
        }

        private static long parseLength(byte[] b, int from, int to) {
            int n = to - from;
            if (n == 0 || n > MAX_LENGTH_DIGITS) {
                return -1;
            }
            long v = 0;
            for (int k = from; k < to; k++) {
                int c = b[k];
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private static String quote(byte[] b, int from, int to) {
            return quote(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }

        private static String quote(String s) {
            return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
        }

        /** The header block ended; the body starts at {@code i}. Returns where to go on. */
        private int startBody(byte[] a, int i, int to, FrameSink sink) {
            long n = contentLength;
            contentLength = -1;
            headerBytes = 0;
            if (n > maxFrameBytes) {
                body.startSkip(n);
                inBody = true;
                oversize(sink, n);
                return i;
            }
            int len = (int) n;
            if (to - i >= len) {
                sink.onFrame(LengthPrefixedBody.copy(a, i, len));
                return i + len;
            }
            body.start(len, NO_PREFIX, 0);
            inBody = true;
            return i;
        }

        @Override
        void finish(FrameSink sink) {
            if (inBody) {
                if (!body.skipping()) {
                    truncated(sink, body.missing() + " body bytes missing");
                }
            } else if (headerBytes > 0) {
                truncated(sink, "an unfinished header block");
            }
        }

        @Override
        void release() {
            line.release();
            body.release();
        }
    }
}
