package dev.junction.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The command's JSON helpers: one mapper, compact and pretty printing, truncation for logs. */
final class Json {
    /** Reads exactly one JSON value (trailing tokens are an error) and keeps big numbers exact. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** {@code node} as one line of JSON, or pretty-printed; JSON {@code null} for a missing value. */
    static String write(JsonNode node, boolean pretty) {
        if (node == null) {
            return "null";
        }
        try {
            return pretty
                    ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    /** {@code s} cut to {@code max} characters, ending in "..." when cut. */
    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
