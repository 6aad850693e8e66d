package dev.junction.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Params;
import dev.junction.RpcContext;
import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcNotification;
import dev.junction.service.JsonRpcParam;
import dev.junction.service.JsonRpcService;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/** How a proxy sends one interface method: its RPC name, its params, and how it waits. Immutable. */
final class ProxyMethod {
    /** How the proxy sends and answers. */
    enum Kind {
        /** Returns the call's future. */
        ASYNC,
        /** Waits for the call and returns its result. */
        BLOCKING,
        /** Sends a notification. */
        NOTIFICATION
    }

    final Method method;
    final String name;
    final Kind kind;
    /** The result type handed to {@code callAsync}. */
    final Type resultType;

    private final boolean named;
    private final boolean paramsAsIs;
    private final String[] paramNames;
    private final boolean[] optional;

    private ProxyMethod(Method method, String namespace, boolean namedByService) {
        this.method = method;
        JsonRpcMethod annotation = method.getAnnotation(JsonRpcMethod.class);
        String simple = annotation == null || annotation.value().isEmpty() ? method.getName() : annotation.value();
        this.name = MethodNames.checkName(MethodNames.join(namespace, simple));
        this.named = namedByService || (annotation != null && annotation.namedParams());
        this.kind = kindOf(method);
        this.resultType = resultTypeOf(method, kind);
        Parameter[] parameters = method.getParameters();
        this.paramsAsIs = parameters.length == 1 && parameters[0].getType() == Params.class;
        this.paramNames = new String[parameters.length];
        this.optional = new boolean[parameters.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            checkParameter(parameter);
            JsonRpcParam param = parameter.getAnnotation(JsonRpcParam.class);
            paramNames[i] = param == null || param.value().isEmpty() ? parameter.getName() : param.value();
            optional[i] = parameter.getType() == Optional.class || (param != null && !param.required());
            if (named && !paramsAsIs) {
                checkNamed(parameter, param, paramNames[i], seen);
            }
        }
    }

    /**
     * Reads {@code method} of an interface whose namespace and {@link JsonRpcService} are given.
     *
     * @throws IllegalArgumentException for a shape a proxy cannot send
     */
    static ProxyMethod of(Method method, String namespace, JsonRpcService service) {
        try {
            return new ProxyMethod(method, namespace, service != null && service.namedParams());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Cannot proxy " + ReflectiveMethodHandler.describe(method) + ": " + e.getMessage(), e);
        }
    }

    /** The params for one invocation's arguments. */
    Params params(Object[] args) {
        if (args == null || args.length == 0) {
            return Params.none();
        }
        if (paramsAsIs) {
            return args[0] == null ? Params.none() : (Params) args[0];
        }
        if (named) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                Object value = unwrap(args[i]);
                if (value != null || !optional[i]) {
                    values.put(paramNames[i], value);
                }
            }
            return Params.named(values);
        }
        if (method.isVarArgs()) {
            args = spreadVarargs(args);
        }
        int count = args.length;
        while (!method.isVarArgs() && count > 0 && optional[count - 1] && unwrap(args[count - 1]) == null) {
            count--; // trailing omitted optionals are left out, so the server applies its defaults
        }
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = unwrap(args[i]);
        }
        return Params.positional(values);
    }

    /** {@code sum(int... values)} sends {@code [1, 2, 4]}, as the spec's example does. */
    private static Object[] spreadVarargs(Object[] args) {
        Object last = args[args.length - 1];
        if (last == null) {
            return args;
        }
        int fixed = args.length - 1;
        int extra = java.lang.reflect.Array.getLength(last);
        Object[] spread = Arrays.copyOf(args, fixed + extra);
        for (int i = 0; i < extra; i++) {
            spread[fixed + i] = java.lang.reflect.Array.get(last, i);
        }
        return spread;
    }

    private static Object unwrap(Object arg) {
        return arg instanceof Optional ? ((Optional<?>) arg).orElse(null) : arg;
    }

    private static Kind kindOf(Method method) {
        Class<?> returns = method.getReturnType();
        if (method.isAnnotationPresent(JsonRpcNotification.class)) {
            if (returns != void.class) {
                throw new IllegalArgumentException("a @JsonRpcNotification method must return void");
            }
            return Kind.NOTIFICATION;
        }
        if (returns == CompletableFuture.class || returns == CompletionStage.class) {
            return Kind.ASYNC;
        }
        if (Future.class.isAssignableFrom(returns) || CompletionStage.class.isAssignableFrom(returns)) {
            throw new IllegalArgumentException("asynchronous methods must return CompletableFuture or CompletionStage,"
                    + " not " + returns.getSimpleName());
        }
        return Kind.BLOCKING;
    }

    private static Type resultTypeOf(Method method, Kind kind) {
        Type type;
        switch (kind) {
            case NOTIFICATION:
                return Void.class;
            case ASYNC:
                Type generic = method.getGenericReturnType();
                type = generic instanceof ParameterizedType
                        ? ((ParameterizedType) generic).getActualTypeArguments()[0]
                        : Object.class;
                if (type instanceof WildcardType) {
                    type = ((WildcardType) type).getUpperBounds()[0];
                }
                break;
            default:
                // A void method still waits for its answer; any result is accepted and dropped.
                type = method.getReturnType() == void.class ? JsonNode.class : method.getGenericReturnType();
        }
        if (mentionsTypeVariable(type)) {
            throw new IllegalArgumentException("the result type " + type.getTypeName()
                    + " has a type variable; proxies need concrete result types");
        }
        return type;
    }

    private static boolean mentionsTypeVariable(Type type) {
        if (type instanceof TypeVariable) {
            return true;
        }
        if (type instanceof ParameterizedType) {
            return Arrays.stream(((ParameterizedType) type).getActualTypeArguments())
                    .anyMatch(ProxyMethod::mentionsTypeVariable);
        }
        if (type instanceof GenericArrayType) {
            return mentionsTypeVariable(((GenericArrayType) type).getGenericComponentType());
        }
        if (type instanceof WildcardType) {
            return List.of(((WildcardType) type).getUpperBounds()).stream().anyMatch(ProxyMethod::mentionsTypeVariable);
        }
        return false;
    }

    private void checkParameter(Parameter parameter) {
        if (parameter.getType() == RpcContext.class) {
            throw new IllegalArgumentException("an RpcContext parameter makes sense only on the server side");
        }
        if (parameter.getType() == Params.class && !paramsAsIs) {
            throw new IllegalArgumentException("a Params parameter must be the only parameter");
        }
    }

    private static void checkNamed(Parameter parameter, JsonRpcParam param, String name, Set<String> seen) {
        if (!parameter.isNamePresent() && (param == null || param.value().isEmpty())) {
            throw new IllegalArgumentException("named params need parameter names: compile with -parameters"
                    + " or name each parameter with @JsonRpcParam");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("two parameters are named '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name + " (" + kind + ")";
    }
}
