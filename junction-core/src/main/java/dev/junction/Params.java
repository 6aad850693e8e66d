package dev.junction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The params of an outbound call: none, positional ({@code [42, 23]}), named ({@code {"minuend":
 * 42}}), or one object sent as named params. Immutable as far as the values handed in are not
 * changed afterwards; converted to JSON when the call is sent.
 *
 * <p>Varargs APIs such as {@link RpcPeer#call(String, Class, Object...)} read their arguments with
 * {@link #fromArgs}: no arguments is no params, a single {@code Params} is used as is, anything else
 * is positional.
 */
public final class Params {
    private static final Params NONE = new Params(Kind.NONE, null);

    /** How the params travel. */
    public enum Kind {
        /** No params member. */
        NONE,
        /** A JSON array. */
        POSITIONAL,
        /** A JSON object. */
        NAMED
    }

    private final Kind kind;
    private final Object value;

    private Params(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /** No params at all (the member is omitted, unless the codec is told to send {@code {}}). */
    public static Params none() {
        return NONE;
    }

    /** Positional params; each value is converted with the peer's object mapper. */
    public static Params positional(Object... values) {
        return new Params(Kind.POSITIONAL, Collections.unmodifiableList(Arrays.asList(values.clone())));
    }

    /** Positional params from a list. */
    public static Params positional(List<?> values) {
        // not List.copyOf: null is a valid positional param
        return new Params(Kind.POSITIONAL, Collections.unmodifiableList(new java.util.ArrayList<>(values)));
    }

    /** Named params from a map of name to value. */
    public static Params named(Map<String, ?> values) {
        return new Params(Kind.NAMED, Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values)));
    }

    /** Named params from one object (a bean, a record, a map): its properties become the names. */
    public static Params namedObject(Object value) {
        return new Params(Kind.NAMED, Objects.requireNonNull(value, "value"));
    }

    /**
     * Params given as a JSON tree: an array is positional, an object named.
     *
     * @throws IllegalArgumentException for any other node
     */
    public static Params ofTree(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            return NONE;
        }
        if (tree.isArray()) {
            return new Params(Kind.POSITIONAL, tree);
        }
        if (tree.isObject()) {
            return new Params(Kind.NAMED, tree);
        }
        throw new IllegalArgumentException("Params must be a JSON array or object, not " + tree.getNodeType());
    }

    /** Reads varargs: none, one {@code Params} as is, or positional. */
    public static Params fromArgs(Object[] args) {
        if (args == null || args.length == 0) {
            return NONE;
        }
        if (args.length == 1 && args[0] instanceof Params) {
            return (Params) args[0];
        }
        return positional(args);
    }

    public Kind kind() {
        return kind;
    }

    /** The params as a tree for sending (null for none), converted with {@code mapper}. */
    public JsonNode toTree(ObjectMapper mapper) {
        if (kind == Kind.NONE) {
            return null;
        }
        if (value instanceof JsonNode) {
            return (JsonNode) value;
        }
        if (kind == Kind.POSITIONAL) {
            return dev.junction.internal.TreeValues.toArray(mapper, (List<?>) value);
        }
        JsonNode tree = dev.junction.internal.TreeValues.toTree(mapper, value);
        if (kind == Kind.NAMED && !tree.isObject()) {
            throw new IllegalArgumentException("Named params must convert to a JSON object, not " + tree.getNodeType());
        }
        return tree;
    }

    @Override
    public String toString() {
        return kind + (value == null ? "" : " " + value);
    }
}
