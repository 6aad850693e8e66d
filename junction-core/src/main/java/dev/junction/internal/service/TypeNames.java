package dev.junction.internal.service;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.util.ArrayList;
import java.util.List;

/** Readable names and shape tests for bound types. */
final class TypeNames {
    private TypeNames() {}

    /** {@code int}, {@code String}, {@code int[]}, {@code List<Map<String, Integer>>}. */
    static String readable(JavaType type) {
        if (type.isArrayType()) {
            return readable(type.getContentType()) + "[]";
        }
        String raw = type.getRawClass().getSimpleName();
        if (raw.isEmpty()) {
            raw = type.getRawClass().getName();
        }
        if (type.containedTypeCount() == 0) {
            return raw;
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < type.containedTypeCount(); i++) {
            args.add(readable(type.containedType(i)));
        }
        return raw + "<" + String.join(", ", args) + ">";
    }

    /**
     * True for types a JSON object maps onto as a whole: maps, records, object nodes and beans (any
     * class outside the JDK that is not an array, collection or enum). JDK types such as String,
     * Integer, UUID or LocalDate are scalars here.
     */
    static boolean isObjectLike(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isMapLikeType() || raw.isRecord()) {
            return true;
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return !ArrayNode.class.isAssignableFrom(raw) && !ValueNode.class.isAssignableFrom(raw);
        }
        if (raw.isPrimitive() || type.isArrayType() || type.isCollectionLikeType() || type.isEnumType()) {
            return false;
        }
        String name = raw.getName();
        return !name.startsWith("java.") && !name.startsWith("javax.");
    }

    /** True for arrays (but not {@code byte[]}, which JSON carries as base64) and collections. */
    static boolean isArrayLike(JavaType type) {
        return (type.isArrayType() && type.getRawClass() != byte[].class) || type.isCollectionLikeType();
    }
}
