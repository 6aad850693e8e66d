package dev.junction.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A call that expects no answer (it has no id). {@code params} may be null. Immutable. */
public record Notification(String method, JsonNode params) implements Message {
    public Notification {
        Objects.requireNonNull(method, "method");
    }
}
