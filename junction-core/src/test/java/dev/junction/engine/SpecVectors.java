package dev.junction.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cases of jsonrpc-2.0-spec.json (the specification's examples as test vectors). */
final class SpecVectors {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One case: the exact request bytes and the expected answer (null: nothing comes back). */
    record Case(String name, String request, JsonNode response, boolean unordered) {
        @Override
        public String toString() {
            return name;
        }

        boolean isValidJson() {
            try {
                MAPPER.readTree(request);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private SpecVectors() {}

    static List<Case> cases() {
        try (InputStream in = SpecVectors.class.getResourceAsStream("/jsonrpc-2.0-spec.json")) {
            JsonNode root = MAPPER.readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode response = c.get("response");
                cases.add(new Case(
                        c.get("name").asText(),
                        c.get("request").asText(),
                        response == null || response.isNull() ? null : response,
                        c.path("unordered").asBoolean(false)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compares an actual answer to the expected one as the vectors say: JSON values, error messages
     * ignored (codes and ids must match), arrays marked unordered as multisets.
     */
    static boolean matches(JsonNode expected, JsonNode actual, boolean unordered) {
        JsonNode e = normalize(expected);
        JsonNode a = normalize(actual);
        if (unordered && e.isArray() && a.isArray()) {
            return multiset(e).equals(multiset(a));
        }
        return e.equals(a);
    }

    private static Map<JsonNode, Integer> multiset(JsonNode array) {
        Map<JsonNode, Integer> counts = new HashMap<>();
        for (JsonNode n : array) {
            counts.merge(n, 1, Integer::sum);
        }
        return counts;
    }

    private static JsonNode normalize(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.isArray()) {
            copy.forEach(SpecVectors::dropErrorMessage);
        } else {
            dropErrorMessage(copy);
        }
        return copy;
    }

    private static void dropErrorMessage(JsonNode node) {
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) error).remove("message");
        }
    }
}
