package dev.junction.zeromq;

import dev.junction.TransportException;

/**
 * The server refused this client's credentials (ZeroMQ's handshake failed with a ZAP status such as
 * 400): a wrong PLAIN user name or password, or a CURVE client key the server does not allow. The
 * client's connection closes at once, so its pending and later calls fail instead of waiting for
 * their deadline; the engine reports them as a closed connection whose cause is this exception.
 */
public class ZmqAuthenticationException extends TransportException {
    private final int statusCode;

    public ZmqAuthenticationException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    /**
     * The ZAP status code the server sent (400 for refused credentials, 500 for a server error), or 0
     * when the server broke off the handshake without one (how JeroMQ reads a libzmq server's refusal).
     */
    public int statusCode() {
        return statusCode;
    }
}
