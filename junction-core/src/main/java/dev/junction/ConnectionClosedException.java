package dev.junction;

/** The connection closed (by either side, or because it broke) before the call was answered. */
public class ConnectionClosedException extends TransportException {
    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
