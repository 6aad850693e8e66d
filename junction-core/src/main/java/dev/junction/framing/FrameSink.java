package dev.junction.framing;

/** Receives what a {@link FrameDecoder} finds, on the decoding thread, in stream order. */
public interface FrameSink {
    /** One complete frame's payload, owned by the sink from now on. */
    void onFrame(byte[] frame);

    /**
     * A frame was refused. When {@link FramingException#isFatal()} the stream cannot be resynchronised
     * and must be closed; otherwise decoding goes on with the next frame.
     */
    void onFrameError(FramingException error);
}
