package dev.junction.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.service.JsonRpcParam;
import java.lang.reflect.Array;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * How one Java parameter is bound: its wire name, its target type, whether it may be omitted, and
 * what it gets when it is. Computed once at registration; immutable.
 */
final class ParamSpec {
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    final String name;
    final boolean context;
    final boolean required;
    /** True when the value is wrapped in an {@link Optional}; {@link #type} is then the inner type. */
    final boolean optional;
    /** True for a Java varargs parameter ({@code int... values}). */
    final boolean varargs;

    final JavaType type;
    final String typeName;
    private final Object absentValue;

    private ParamSpec(String name, boolean context, boolean required, boolean varargs, Type genericType) {
        this.name = name;
        this.context = context;
        this.varargs = varargs;
        JavaType declared = TYPES.constructType(genericType);
        this.optional = declared.getRawClass() == Optional.class;
        this.type = optional ? optionalContent(declared) : declared;
        this.required = required && !optional;
        this.typeName = TypeNames.readable(type);
        this.absentValue = optional ? Optional.empty() : zeroOf(declared.getRawClass());
    }

    /** A reflected method's parameter: name and required flag from {@link JsonRpcParam}, if any. */
    static ParamSpec of(Parameter parameter) {
        JsonRpcParam annotation = parameter.getAnnotation(JsonRpcParam.class);
        String name = annotation == null || annotation.value().isEmpty() ? parameter.getName() : annotation.value();
        boolean required = annotation == null || annotation.required();
        boolean context = parameter.getType() == RpcContext.class;
        return new ParamSpec(name, context, required, parameter.isVarArgs(), parameter.getParameterizedType());
    }

    /** A required parameter known only by its type (a lambda's). */
    static ParamSpec of(String name, Type type) {
        return new ParamSpec(name, false, true, false, type);
    }

    /** Binds {@code node} (present, possibly JSON null); {@code label} names it in errors. */
    Object bind(ObjectMapper mapper, JsonNode node, String label) throws RpcException {
        if (node.isNull()) {
            return absentValue;
        }
        Object value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw InvalidParams.expects(label, typeName, e);
        }
        return optional ? Optional.ofNullable(value) : value;
    }

    Object bind(ObjectMapper mapper, JsonNode node) throws RpcException {
        return bind(mapper, node, name);
    }

    /** The value of an omitted optional parameter: null, {@code Optional.empty()} or a zero. */
    Object absentValue() {
        return absentValue;
    }

    /** A bean, record, map or object node: a whole params object may be bound to it. */
    boolean isObjectLike() {
        return TypeNames.isObjectLike(type);
    }

    /** An array or collection: a whole params array may be bound to it. */
    boolean isArrayLike() {
        return TypeNames.isArrayLike(type);
    }

    private static JavaType optionalContent(JavaType optionalType) {
        JavaType content = optionalType.containedType(0);
        return content == null ? TYPES.constructType(Object.class) : content;
    }

    private static Object zeroOf(Class<?> raw) {
        return raw.isPrimitive() && raw != void.class ? Array.get(Array.newInstance(raw, 1), 0) : null;
    }

    @Override
    public String toString() {
        return context ? "RpcContext" : name + ": " + typeName + (required ? "" : "?");
    }
}
