package dev.junction.netty;

import dev.junction.TransportException;

/**
 * The server answered a WebSocket handshake or an HTTP call with an HTTP error status (401, 404,
 * 415...): the status is in the message and in {@link #status()}.
 */
public class HttpStatusException extends TransportException {
    private final int status;

    public HttpStatusException(String message, Throwable cause, int status) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status code, as 401. */
    public int status() {
        return status;
    }
}
