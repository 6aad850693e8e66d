package dev.junction.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A call that expects an answer. {@code params} is an array node, an object node, or null when
 * absent. Immutable.
 */
public record Request(Id id, String method, JsonNode params) implements Message {
    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
    }
}
