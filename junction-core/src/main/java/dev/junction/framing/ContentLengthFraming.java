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
        out.write(("Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
    }

    @Override
    public String toString() {
        return "Framing[content-length]";
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private static final byte[] NO_PREFIX = new byte[0];

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
                String text;
                if (line.length() == 0) {
                    text = new String(a, i, lf - i, StandardCharsets.ISO_8859_1);
                } else {
                    line.append(a, i, lf - i);
                    text = new String(line.take(line.length()), StandardCharsets.ISO_8859_1);
                }
                i = lf + 1;
                if (!headerLine(text, sink)) {
                    return;
                }
                if (text.isEmpty() || text.equals("\r")) {
                    i = startBody(a, i, to, sink);
                }
            }
        }

        /** Handles one header line (without its LF); false after a fatal error. */
        private boolean headerLine(String text, FrameSink sink) {
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (contentLength < 0) {
                    fail(sink, FramingException.Kind.MALFORMED, "the header block has no Content-Length header");
                    return false;
                }
                return true;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                fail(sink, FramingException.Kind.MALFORMED, "a header line has no name and ':': " + quote(text));
                return false;
            }
            String name = text.substring(0, colon).trim();
            if (!name.equalsIgnoreCase("Content-Length")) {
                return true;
            }
            String value = text.substring(colon + 1).trim();
            long n = parseLength(value);
            if (n < 0) {
                fail(
                        sink,
                        FramingException.Kind.MALFORMED,
                        "the Content-Length value is not a length: " + quote(value));
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
            return true;
        }

        private static long parseLength(String value) {
            int n = value.length();
            if (n == 0 || n > MAX_LENGTH_DIGITS) {
                return -1;
            }
            long v = 0;
            for (int k = 0; k < n; k++) {
                char c = value.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
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
