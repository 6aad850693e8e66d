package dev.junction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.message.ErrorObject;

/**
 * A JSON-RPC error object as an exception. A handler throws it to answer with exactly this error; a
 * caller receives it when the remote peer answered with an error. Immutable and thread-safe.
 */
public class RpcException extends JunctionException {
    private final ErrorObject error;

    public RpcException(int code, String message) {
        this(new ErrorObject(code, message, null));
    }

    public RpcException(int code, String message, JsonNode data) {
        this(new ErrorObject(code, message, data));
    }

    public RpcException(ErrorObject error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public RpcException(ErrorObject error, Throwable cause) {
        super(error.code() + ": " + error.message(), cause);
        this.error = error;
    }

    /** The error object as it travels on the wire. */
    public ErrorObject error() {
        return error;
    }

    public int code() {
        return error.code();
    }

    /** The error's message member (not the exception message, which also holds the code). */
    public String errorMessage() {
        return error.message();
    }

    /** The error's data member, or null when absent. */
    public JsonNode data() {
        return error.data();
    }
}
