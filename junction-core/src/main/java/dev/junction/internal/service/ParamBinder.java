package dev.junction.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's params (an array, an object, or none) to the argument list of one handler. Built
 * once per method at registration; immutable and thread-safe.
 *
 * <p>Rules, in order:
 *
 * <ul>
 *   <li>An {@code RpcContext} parameter, wherever it is, receives the call's context.
 *   <li>No params bind as an empty array.
 *   <li>An array binds in order. If the only bindable parameter is an array or collection, or the
 *       last is Java varargs, it takes all the remaining elements, unless exactly one remains and it
 *       is itself an array or null (then it binds as usual): {@code sum(List<Integer>)} accepts both
 *       {@code [1, 2, 4]} and {@code [[1, 2, 4]]}.
 *   <li>An object binds by wire name, unless the only bindable parameter is a bean, record or map and
 *       the object has no member of that parameter's name: then the whole object binds to it.
 * </ul>
 */
public final class ParamBinder {
    /** How a params object is read. */
    public enum NamedMode {
        /** By parameter name, or whole for a sole object-like parameter (reflected methods). */
        BY_NAME,
        /** One parameter: the whole object if object-like, else the object's single member. */
        SINGLE_VALUE,
        /** Params objects are refused: the parameters have no names (two-argument lambdas). */
        POSITIONAL_ONLY
    }

    private static final ArrayNode NO_PARAMS = JsonNodeFactory.instance.arrayNode();

    private final ParamSpec[] all;
    private final ParamSpec[] bindable;
    private final int[] javaIndex;
    private final Map<String, ParamSpec> byName = new HashMap<>();
    private final NamedMode mode;
    private final int gather;
    private final boolean singleObject;

    ParamBinder(List<ParamSpec> specs, NamedMode mode) {
        this.all = specs.toArray(new ParamSpec[0]);
        this.mode = mode;
        List<ParamSpec> values = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (!all[i].context) {
                values.add(all[i]);
                indexes.add(i);
                if (byName.put(all[i].name, all[i]) != null) {
                    throw new IllegalArgumentException("Two parameters are named '" + all[i].name + "'");
                }
            }
        }
        this.bindable = values.toArray(new ParamSpec[0]);
        this.javaIndex = indexes.stream().mapToInt(Integer::intValue).toArray();
        int last = bindable.length - 1;
        boolean gathers = last >= 0 && (bindable[last].varargs || (last == 0 && bindable[0].isArrayLike()));
        this.gather = gathers ? last : -1;
        this.singleObject = bindable.length == 1 && bindable[0].isObjectLike();
    }

    /** The binder of a reflected method (parameter metadata from {@code method}). */
    public static ParamBinder forMethod(Method method) {
        List<ParamSpec> specs = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            specs.add(ParamSpec.of(parameter));
        }
        return new ParamBinder(specs, NamedMode.BY_NAME);
    }

    /** The binder of a lambda taking {@code types}, named {@code arg0}, {@code arg1}… in errors. */
    public static ParamBinder forTypes(NamedMode mode, Type... types) {
        List<ParamSpec> specs = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            specs.add(ParamSpec.of("arg" + i, types[i]));
        }
        return new ParamBinder(specs, mode);
    }

    /**
     * The Java arguments for {@code params}.
     *
     * @throws RpcException -32602 when the params do not fit
     */
    public Object[] bind(RpcContext context, JsonNode params) throws RpcException {
        Object[] args = new Object[all.length];
        for (int i = 0; i < all.length; i++) {
            if (all[i].context) {
                args[i] = context;
            }
        }
        ObjectMapper mapper = context.mapper();
        if (params == null || params.isMissingNode() || params.isNull()) {
            bindPositional(mapper, NO_PARAMS, args);
        } else if (params.isArray()) {
            bindPositional(mapper, params, args);
        } else if (params.isObject()) {
            bindNamed(mapper, params, args);
        } else {
            throw InvalidParams.error("params must be an array or an object", null);
        }
        return args;
    }

    private void bindPositional(ObjectMapper mapper, JsonNode array, Object[] args) throws RpcException {
        int count = array.size();
        boolean gathered = gather >= 0 && gathers(array, gather);
        if (!gathered && count > bindable.length) {
            throw InvalidParams.tooMany(bindable.length, count);
        }
        for (int k = 0; k < bindable.length; k++) {
            ParamSpec spec = bindable[k];
            Object value;
            if (k == gather && gathered) {
                value = spec.bind(mapper, rest(array, k));
            } else if (k < count) {
                value = spec.bind(mapper, array.get(k));
            } else {
                value = absent(spec);
            }
            args[javaIndex[k]] = value;
        }
    }

    private static boolean gathers(JsonNode array, int from) {
        int count = array.size();
        if (count < from) {
            return false;
        }
        return !(count == from + 1
                && (array.get(from).isArray() || array.get(from).isNull()));
    }

    private static JsonNode rest(JsonNode array, int from) {
        if (from == 0) {
            return array;
        }
        ArrayNode rest = JsonNodeFactory.instance.arrayNode();
        for (int i = from; i < array.size(); i++) {
            rest.add(array.get(i));
        }
        return rest;
    }

    private void bindNamed(ObjectMapper mapper, JsonNode object, Object[] args) throws RpcException {
        switch (mode) {
            case POSITIONAL_ONLY:
                throw InvalidParams.error("expected positional params (an array)", null);
            case SINGLE_VALUE:
                args[javaIndex[0]] = bindSingleValue(mapper, object);
                return;
            default:
                break;
        }
        if (singleObject && !object.has(bindable[0].name)) {
            args[javaIndex[0]] = bindable[0].bind(mapper, object);
            return;
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!byName.containsKey(member.getKey())) {
                throw InvalidParams.unknown(member.getKey());
            }
        }
        for (int k = 0; k < bindable.length; k++) {
            ParamSpec spec = bindable[k];
            JsonNode node = object.get(spec.name);
            args[javaIndex[k]] = node == null ? absent(spec) : spec.bind(mapper, node);
        }
    }

    private Object bindSingleValue(ObjectMapper mapper, JsonNode object) throws RpcException {
        ParamSpec spec = bindable[0];
        if (spec.isObjectLike()) {
            return spec.bind(mapper, object);
        }
        if (object.size() == 0) {
            return absent(spec);
        }
        if (object.size() > 1) {
            throw InvalidParams.error("expected 1 named param, got " + object.size(), null);
        }
        Map.Entry<String, JsonNode> member = object.properties().iterator().next();
        return spec.bind(mapper, member.getValue(), member.getKey());
    }

    private static Object absent(ParamSpec spec) throws RpcException {
        if (spec.required) {
            throw InvalidParams.missing(spec.name);
        }
        return spec.absentValue();
    }

    @Override
    public String toString() {
        return List.of(all).toString();
    }
}
