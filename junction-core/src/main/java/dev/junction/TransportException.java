package dev.junction;

/**
 * The transport failed: a connection could not be made, broke, or was closed while a call was in
 * flight. The underlying cause (refused, reset, TLS failure...) is kept as {@link #getCause()}.
 */
public class TransportException extends JunctionException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
