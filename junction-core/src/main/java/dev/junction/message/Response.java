package dev.junction.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * The answer to a {@link Request}: exactly one of {@code result} (a tree, {@code NullNode} for a
 * null result) or {@code error}. Immutable.
 */
public record Response(Id id, JsonNode result, ErrorObject error) implements Message {
    public Response {
        Objects.requireNonNull(id, "id");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("A response has exactly one of result and error");
        }
    }

    public static Response success(Id id, JsonNode result) {
        return new Response(id, result == null ? NullNode.getInstance() : result, null);
    }

    public static Response failure(Id id, ErrorObject error) {
        return new Response(id, null, error);
    }

    public boolean isError() {
        return error != null;
    }
}
