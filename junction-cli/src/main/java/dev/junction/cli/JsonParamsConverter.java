package dev.junction.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads PARAMS_JSON: a JSON array (positional params) or a JSON object (named params). Anything
 * else (invalid JSON, a scalar, trailing garbage) is a usage error, reported by picocli with the
 * command's usage.
 */
final class JsonParamsConverter implements ITypeConverter<JsonNode> {
    @Override
    public JsonNode convert(String value) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new TypeConversionException(
                    "'" + abbreviate(value) + "' is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new TypeConversionException("PARAMS_JSON is empty: give a JSON array or object, or leave it out");
        }
        if (!tree.isArray() && !tree.isObject()) {
            throw new TypeConversionException("params must be a JSON array (positional) or object (named), not "
                    + tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(value)
                    + " (wrap a single value in brackets: [" + abbreviate(value) + "])");
        }
        return tree;
    }

    private static String abbreviate(String s) {
        return Json.truncate(s, 80);
    }
}
