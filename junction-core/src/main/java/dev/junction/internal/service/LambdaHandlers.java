package dev.junction.internal.service;

import dev.junction.internal.service.ParamBinder.NamedMode;
import dev.junction.service.MethodHandler;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Handlers for lambdas bound by type. Lambda parameters have no names, so they are called {@code
 * arg0} and {@code arg1} in errors; a one-parameter lambda also accepts a params object with a single
 * member (or, for a bean, record or map type, the whole object), and a two-parameter one only
 * positional params.
 */
public final class LambdaHandlers {
    private LambdaHandlers() {}

    /** No params: positional {@code []}, an empty object, or none. */
    public static <R> MethodHandler supplier(Supplier<R> fn) {
        Objects.requireNonNull(fn, "fn");
        ParamBinder binder = ParamBinder.forTypes(NamedMode.BY_NAME);
        return (context, params) -> {
            binder.bind(context, params);
            return fn.get();
        };
    }

    /** One param of type {@code P}. */
    @SuppressWarnings("unchecked")
    public static <P, R> MethodHandler function(Class<P> type, Function<P, R> fn) {
        Objects.requireNonNull(type, "paramType");
        Objects.requireNonNull(fn, "fn");
        ParamBinder binder = ParamBinder.forTypes(NamedMode.SINGLE_VALUE, type);
        return (context, params) -> fn.apply((P) binder.bind(context, params)[0]);
    }

    /** Two positional params. */
    @SuppressWarnings("unchecked")
    public static <P1, P2, R> MethodHandler biFunction(Class<P1> type1, Class<P2> type2, BiFunction<P1, P2, R> fn) {
        Objects.requireNonNull(type1, "paramType1");
        Objects.requireNonNull(type2, "paramType2");
        Objects.requireNonNull(fn, "fn");
        ParamBinder binder = ParamBinder.forTypes(NamedMode.POSITIONAL_ONLY, type1, type2);
        return (context, params) -> {
            Object[] args = binder.bind(context, params);
            return fn.apply((P1) args[0], (P2) args[1]);
        };
    }

    /** One param of type {@code P}, no result (answers null when called as a request). */
    public static <P> MethodHandler consumer(Class<P> type, Consumer<P> fn) {
        Objects.requireNonNull(fn, "fn");
        return function(type, value -> {
            fn.accept(value);
            return null;
        });
    }
}
