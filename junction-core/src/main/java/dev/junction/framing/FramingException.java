package dev.junction.framing;

import dev.junction.JunctionException;

/**
 * A stream could not be split into frames: a frame over the size limit, a malformed header, or a
 * stream that ended inside a frame. {@link #isFatal()} says whether the stream can go on.
 */
public class FramingException extends JunctionException {
    /** What went wrong. */
    public enum Kind {
        /** A frame exceeds {@code Limits.maxFrameBytes}. */
        OVERSIZE,
        /** The bytes break the framing's rules (a bad length, a missing delimiter). */
        MALFORMED,
        /** The stream ended inside a frame. */
        TRUNCATED
    }

    private final Kind kind;
    private final boolean fatal;

    public FramingException(Kind kind, String message, boolean fatal) {
        super(message);
        this.kind = kind;
        this.fatal = fatal;
    }

    /** An oversize frame; the message names {@code Limits.maxFrameBytes}. */
    public static FramingException oversize(String framing, long size, int limit, boolean fatal) {
        String what =
                size < 0 ? "A " + framing + " frame exceeds" : "A " + framing + " frame of " + size + " bytes exceeds";
        return new FramingException(
                Kind.OVERSIZE, what + " the limit of " + limit + " bytes (Limits.maxFrameBytes)", fatal);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the stream cannot be resynchronised and must be closed. */
    public boolean isFatal() {
        return fatal;
    }
}
