package dev.junction.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.RpcContext;
import dev.junction.service.MethodHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Serves an RPC method by calling a Java method on a target object. Binding metadata is computed
 * once, here; immutable and thread-safe (as far as the target is).
 *
 * <p>Returns what the method returns, as is (a {@code CompletionStage} included; void gives null).
 * What the method throws is thrown as is, unwrapped from {@link InvocationTargetException}.
 */
public final class ReflectiveMethodHandler implements MethodHandler {
    private final Object target;
    private final Method method;
    private final ParamBinder binder;

    /**
     * @param target the object to call (null for nothing else than static methods)
     * @param method the method to invoke (dispatched virtually on {@code target})
     * @param metadata the declaration whose parameter names and annotations are read: {@code method}
     *     itself, or the overridden declaration that carries the annotations
     * @throws IllegalArgumentException when the method cannot be made accessible or its parameters
     *     cannot be bound (two with one wire name)
     */
    public ReflectiveMethodHandler(Object target, Method method, Method metadata) {
        this.target = target;
        this.method = Objects.requireNonNull(method, "method");
        this.binder = ParamBinder.forMethod(metadata);
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot make " + describe(method) + " accessible: " + e.getMessage(), e);
        }
    }

    public ReflectiveMethodHandler(Object target, Method method) {
        this(target, method, method);
    }

    @Override
    public Object handle(RpcContext context, JsonNode params) throws Exception {
        Object[] args = binder.bind(context, params);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName()
                + "."
                + method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString() {
        return "ReflectiveMethodHandler[" + describe(method) + "]";
    }
}
