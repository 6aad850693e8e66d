package dev.junction;

/**
 * The root of every exception Junction throws. All are unchecked and typed by layer: {@link
 * RpcException} (the remote answered with an error), {@link TransportException} (the link failed),
 * {@link DeadlineExceededException} (the call ran out of time), {@link CodecException} (bytes or
 * values could not be converted), {@link LimitExceededException} (a configured bound was hit).
 */
public class JunctionException extends RuntimeException {
    public JunctionException(String message) {
        super(message);
    }

    public JunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
