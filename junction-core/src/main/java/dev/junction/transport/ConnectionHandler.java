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
     * A reconnecting connection lost its link but stays open and is reconnecting: the calls in
     * flight on the lost link will not be answered. Called at most once per lost link; frames sent
     * afterwards wait for the new link or fail, as the transport is configured. Connections that
     * do not reconnect never call it.
     */
    default void onLinkDown(Throwable cause) {}

    /**
     * The connection closed. {@code cause} is null for an orderly close, else what broke it. Called
     * exactly once, after every frame.
     */
    void onClose(Throwable cause);
}
