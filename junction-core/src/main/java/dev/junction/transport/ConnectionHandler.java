package dev.junction.transport;

import dev.junction.framing.FramingException;

/**
 * Receives what a {@link Connection} delivers: frames and framing errors in order, then one {@link
 * #onClose}. Called on a transport thread, one call at a time; implementations must not block.
 */
public interface ConnectionHandler {
    /** One inbound frame; the array is the handler's from now on. */
    void onFrame(byte[] frame);

    /**
     * A frame was refused by the framing. If the error is fatal the transport closes the connection
     * right after this call.
     */
    void onFrameError(FramingException error);

    /**
     * The connection closed. {@code cause} is null for an orderly close, else what broke it. Called
     * exactly once, after every frame.
     */
    void onClose(Throwable cause);
}
