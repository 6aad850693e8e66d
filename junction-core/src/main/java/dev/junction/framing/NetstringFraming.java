package dev.junction.framing;

import java.nio.charset.StandardCharsets;

/**
 * Netstrings: {@code LENGTH:PAYLOAD,} with the payload's length in ASCII decimal ({@code
 * 7:{"a":1},}). The name in URIs is {@code netstring}.
 *
 * <p>Encoding never fails. Decoding reads a length of 1 to 10 digits with no sign and no leading
 * zero (except {@code 0} itself), a colon, the payload and a comma; a zero-length netstring gives an
 * empty frame. Anything else in the length (including whitespace between netstrings) or a missing
 * comma is a fatal MALFORMED error. A declared length over {@code maxFrameBytes} is reported as
 * OVERSIZE (recoverable) as soon as the colon arrives, before any payload byte is buffered; the
 * decoder then skips exactly that many bytes and the comma, and goes on. The stream ending inside a
 * netstring is TRUNCATED (except inside a skipped one, already reported).
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class NetstringFraming implements Framing {
    static final NetstringFraming INSTANCE = new NetstringFraming();

    private static final int MAX_DIGITS = 10;

    private NetstringFraming() {}

    @Override
    public String name() {
        return "netstring";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new Decoder(maxFrameBytes);
    }

    /** Writes {@code LENGTH:payload,}; never throws. */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        out.write((payload.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.writeByte(',');
    }

    @Override
    public String toString() {
        return "Framing[netstring]";
    }

    private enum State {
        LENGTH,
        BODY,
        COMMA
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private static final byte[] NO_PREFIX = new byte[0];

        private final LengthPrefixedBody body = new LengthPrefixedBody();
        private State state = State.LENGTH;
        private int digits;
        private long length;
        private boolean skipped;
        private byte[] pending;

        Decoder(int maxFrameBytes) {
            super("netstring", maxFrameBytes);
        }

        @Override
        void process(byte[] a, int from, int to, FrameSink sink) {
            int i = from;
            while (i < to) {
                switch (state) {
                    case LENGTH -> {
                        byte b = a[i++];
                        if (b >= '0' && b <= '9') {
                            if (digits == 1 && length == 0) {
                                fail(sink, FramingException.Kind.MALFORMED, "a length may not start with a 0");
                                return;
                            }
                            if (digits == MAX_DIGITS) {
                                fail(sink, FramingException.Kind.MALFORMED, "a length has more than 10 digits");
                                return;
                            }
                            digits++;
                            length = length * 10 + (b - '0');
                        } else if (b == ':' && digits > 0) {
                            i = header(a, i, to, sink);
                        } else {
                            fail(
                                    sink,
                                    FramingException.Kind.MALFORMED,
                                    (digits == 0 ? "expected a decimal length, got " : "expected a digit or ':', got ")
                                            + describe(b));
                            return;
                        }
                    }
                    case BODY -> {
                        i = body.feed(a, i, to);
                        if (body.complete()) {
                            pending = body.take();
                            state = State.COMMA;
                        } else if (!body.active()) {
                            state = State.COMMA;
                        }
                    }
                    case COMMA -> {
                        byte b = a[i++];
                        if (b != ',') {
                            fail(
                                    sink,
                                    FramingException.Kind.MALFORMED,
                                    "expected ',' after the payload, got " + describe(b));
                            return;
                        }
                        state = State.LENGTH;
                        byte[] frame = pending;
                        pending = null;
                        if (!skipped) {
                            sink.onFrame(frame);
                        }
                        skipped = false;
                    }
                }
            }
        }

        /** The colon arrived; the payload starts at {@code i}. Returns where to go on. */
        private int header(byte[] a, int i, int to, FrameSink sink) {
            long n = length;
            digits = 0;
            length = 0;
            if (n > maxFrameBytes) {
                skipped = true;
                body.startSkip(n);
                state = n == 0 ? State.COMMA : State.BODY;
                oversize(sink, n);
                return i;
            }
            int len = (int) n;
            if (to - i >= len) {
                pending = LengthPrefixedBody.copy(a, i, len);
                state = State.COMMA;
                return i + len;
            }
            body.start(len, NO_PREFIX, 0);
            state = State.BODY;
            return i;
        }

        @Override
        void finish(FrameSink sink) {
            switch (state) {
                case LENGTH -> {
                    if (digits > 0) {
                        truncated(sink, "a length with no ':' after it");
                    }
                }
                case BODY -> {
                    if (!skipped) {
                        truncated(sink, body.missing() + " payload bytes missing");
                    }
                }
                case COMMA -> {
                    if (!skipped) {
                        truncated(sink, "the final ',' is missing");
                    }
                }
            }
        }

        @Override
        void release() {
            body.release();
            pending = null;
        }
    }
}
