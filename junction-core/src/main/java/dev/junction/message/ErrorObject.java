package dev.junction.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import java.util.Objects;

/**
 * The error member of an error answer. {@code data} is null when absent, and a {@code NullNode}
 * when the peer sent {@code "data": null}. Immutable and thread-safe (callers must not mutate the
 * data tree they hand in).
 */
public final class ErrorObject {
    private final int code;
    private final String message;
    private final JsonNode data;

    public ErrorObject(int code, String message, JsonNode data) {
        this.code = code;
        this.message = Objects.requireNonNull(message, "message");
        this.data = data;
    }

    /** An error with the specification's standard message for {@code code}. */
    public static ErrorObject of(int code) {
        return new ErrorObject(code, ErrorCodes.standardMessage(code), null);
    }

    public static ErrorObject of(int code, String message) {
        return new ErrorObject(code, message, null);
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The data member, or null when absent. */
    public JsonNode data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ErrorObject)) {
            return false;
        }
        ErrorObject other = (ErrorObject) o;
        return code == other.code && message.equals(other.message) && Objects.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, message, data);
    }

    @Override
    public String toString() {
        return "{code=" + code + ", message=" + message + (data == null ? "" : ", data=" + data) + "}";
    }
}
