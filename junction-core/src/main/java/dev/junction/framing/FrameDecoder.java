package dev.junction.framing;

import java.nio.ByteBuffer;

/**
 * Splits one byte stream into frames. Stateful: one per stream, used by one thread at a time.
 *
 * <p>Bytes may arrive split anywhere, down to one byte at a time; the frames that come out are the
 * same. A frame over the size limit is reported through {@link FrameSink#onFrameError} before its
 * bytes are buffered; where the framing lets the decoder find the next frame (a length prefix, a
 * delimiter), it skips the rest of the oversize frame and carries on, otherwise the error is fatal
 * and the transport closes the stream.
 */
public interface FrameDecoder {
    /**
     * Consumes every remaining byte of {@code in}, calling {@code sink} for each complete frame and
     * each error, in stream order. Never throws for bad input.
     */
    void decode(ByteBuffer in, FrameSink sink);

    /**
     * The stream ended. Reports a truncated frame through {@code sink} if a partial one is buffered
     * (a framing whose frames end at end of stream may instead deliver it).
     */
    void endOfStream(FrameSink sink);
}
