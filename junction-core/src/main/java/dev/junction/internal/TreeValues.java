package dev.junction.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * Converts between Java values and Jackson trees, with direct paths for the values most calls
 * carry (strings, numbers, booleans, null, trees) and Jackson's mapper for everything else. The
 * direct paths give the same trees and values as the mapper would, without its buffers (a call's
 * params through {@code valueToTree} cost ~800 bytes; built directly, ~90).
 */
public final class TreeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeValues() {}

    /** {@code value} as a tree. @throws IllegalArgumentException if the mapper cannot write it */
    public static JsonNode toTree(ObjectMapper mapper, Object value) {
        JsonNode simple = simpleTree(value);
        return simple != null ? simple : mapper.valueToTree(value);
    }

    /** A list of values as an array node, converting each element as {@link #toTree} does. */
    public static ArrayNode toArray(ObjectMapper mapper, List<?> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object v : values) {
            array.add(toTree(mapper, v));
        }
        return array;
    }

    /** An array of values as an array node, converting each element as {@link #toTree} does. */
    public static ArrayNode toArray(ObjectMapper mapper, Object[] values) {
        ArrayNode array = NODES.arrayNode(values.length);
        for (Object v : values) {
            array.add(toTree(mapper, v));
        }
        return array;
    }

    private static JsonNode simpleTree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode) {
            return (JsonNode) value;
        }
        if (value instanceof String) {
            return TextNode.valueOf((String) value);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long) {
            return NODES.numberNode((Long) value);
        }
        if (value instanceof Double) {
            return NODES.numberNode((Double) value);
        }
        if (value instanceof Boolean) {
            return BooleanNode.valueOf((Boolean) value);
        }
        return null;
    }

    /**
     * Binds {@code tree} to {@code type}.
     *
     * @throws IllegalArgumentException if it does not bind
     */
    public static Object fromTree(ObjectMapper mapper, JsonNode tree, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw.isInstance(tree)) {
            return tree;
        }
        if (raw == String.class && tree.isTextual()) {
            return tree.textValue();
        }
        if ((raw == Integer.class || raw == int.class) && tree.isInt()) {
            return tree.intValue();
        }
        if ((raw == Long.class || raw == long.class) && tree.isIntegralNumber() && tree.canConvertToLong()) {
            return tree.longValue();
        }
        if ((raw == Boolean.class || raw == boolean.class) && tree.isBoolean()) {
            return tree.booleanValue();
        }
        if (raw == Void.class || raw == void.class) {
            return null;
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
