package dev.junction.framing;

/**
 * Newline-delimited JSON (NDJSON, JSON Lines): each frame is the payload followed by {@code \n}. The
 * default framing for JSON over stream transports; the name in URIs is {@code newline}.
 *
 * <p>Encoding writes {@code payload \n}; a payload holding a raw {@code \n}, or ending with {@code
 * \r} (which decoding would strip), throws {@link FramingException} (MALFORMED). Decoding ends a frame
 * at each {@code \n}, strips one {@code \r} before it, and skips empty and blank lines (only spaces,
 * tabs, {@code \r}). Once more than {@code maxFrameBytes} bytes (not counting a final {@code \r})
 * have arrived without a {@code \n}, an OVERSIZE error is reported at once (recoverable): the decoder
 * stops buffering, drops bytes up to the next {@code \n} and goes on. A non-blank last line without
 * its {@code \n} at end of stream is TRUNCATED, not delivered.
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class NewlineFraming implements Framing {
    static final NewlineFraming INSTANCE = new NewlineFraming();

    private NewlineFraming() {}

    @Override
    public String name() {
        return "newline";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new DelimitedDecoder("newline", maxFrameBytes, (byte) '\n', true);
    }

    /**
     * Writes {@code payload \n}.
     *
     * @throws FramingException if the payload holds a raw {@code \n} or ends with {@code \r}
     */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        int at = AbstractFrameDecoder.indexOf(payload, 0, payload.length, (byte) '\n');
        if (at >= 0) {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "a newline-delimited payload cannot hold a raw line feed (at byte " + at + ")",
                    false);
        }
        if (payload.length > 0 && payload[payload.length - 1] == '\r') {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "a newline-delimited payload cannot end with a carriage return",
                    false);
        }
        out.write(payload);
        out.writeByte('\n');
    }

    @Override
    public String toString() {
        return "Framing[newline]";
    }
}
