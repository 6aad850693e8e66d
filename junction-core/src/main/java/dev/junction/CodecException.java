package dev.junction;

/**
 * Bytes could not be decoded into a message, a message could not be encoded, or a result could not
 * be bound to the Java type the caller asked for.
 */
public class CodecException extends JunctionException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
