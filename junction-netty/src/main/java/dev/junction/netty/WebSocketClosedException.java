package dev.junction.netty;

import dev.junction.TransportException;

/**
 * A WebSocket peer closed the connection with a code other than 1000 (normal closure): the cause
 * given to {@code ConnectionHandler.onClose}, and so of the calls it failed. Its message reads
 * {@code closed by peer: 1001 going away}.
 */
public class WebSocketClosedException extends TransportException {
    private final int code;
    private final String reason;

    public WebSocketClosedException(int code, String reason) {
        super("closed by peer: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close code the peer sent (RFC 6455 section 7.4), or 1005 when it sent none. */
    public int code() {
        return code;
    }

    /** The reason the peer sent; empty when none. */
    public String reason() {
        return reason;
    }
}
