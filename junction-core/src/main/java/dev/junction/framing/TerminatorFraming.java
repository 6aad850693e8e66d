package dev.junction.framing;

/**
 * Frames ended by one terminator byte of the user's choice (EOT, {@code 0x04}, by default through
 * {@link Framings#forName}). The name in URIs is {@code terminator}, with the byte in the {@code
 * terminator} option ({@code ?framing=terminator&terminator=0x04}).
 *
 * <p>Encoding writes the payload then the terminator; a payload holding the terminator byte throws
 * {@link FramingException} (MALFORMED). Decoding ends a frame at each terminator and skips empty
 * frames; nothing else is stripped. Once more than {@code maxFrameBytes} bytes have arrived without
 * a terminator, an OVERSIZE error is reported at once (recoverable): the decoder stops buffering,
 * drops bytes up to the next terminator and goes on. A non-empty last frame without its terminator
 * at end of stream is TRUNCATED, not delivered.
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time. Two
 * instances are equal when their terminators are.
 */
public final class TerminatorFraming implements Framing {
    private final byte terminator;

    /** A framing ending each frame with {@code terminator}. */
    public TerminatorFraming(byte terminator) {
        this.terminator = terminator;
    }

    /** The terminator byte. */
    public byte terminator() {
        return terminator;
    }

    @Override
    public String name() {
        return "terminator";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new DelimitedDecoder("terminator", maxFrameBytes, terminator, false);
    }

    /**
     * Writes the payload then the terminator.
     *
     * @throws FramingException if the payload holds the terminator byte
     */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        int at = AbstractFrameDecoder.indexOf(payload, 0, payload.length, terminator);
        if (at >= 0) {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "the payload holds the terminator byte " + AbstractFrameDecoder.describe(terminator) + " at byte "
                            + at,
                    false);
        }
        out.write(payload);
        out.writeByte(terminator);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerminatorFraming t && t.terminator == terminator;
    }

    @Override
    public int hashCode() {
        return terminator;
    }

    @Override
    public String toString() {
        return "Framing[terminator=" + String.format("0x%02X", terminator & 0xFF) + "]";
    }
}
