package dev.junction.service;

import dev.junction.internal.service.LambdaHandlers;
import dev.junction.internal.service.MethodNames;
import dev.junction.internal.service.ServiceScanner;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The methods a peer answers, by full dotted name. Made with {@link #builder()}; immutable and
 * thread-safe, so one instance may serve every connection of a server. It holds the service objects
 * it was given (and calls them from many threads at once); it never closes them.
 *
 * <pre>{@code
 * Services services = Services.builder()
 *     .service(new Calculator())                        // @JsonRpcService("calc") + @JsonRpcMethod
 *     .service(UserApi.class, new UserApiImpl())        // every method of the interface
 *     .method("echo", String.class, s -> s)             // a lambda, bound by type
 *     .build();
 * }</pre>
 *
 * <p>Two options change how a received name is looked up: a {@linkplain Builder#nameNormalizer name
 * normaliser} (tried when the exact name is not registered, as the prior art's {@code Return-Null}
 * reaching {@code return_null}), and a {@linkplain Builder#fallback fallback handler} that answers
 * every name nothing else does (bridges and proxies forward with one).
 */
public final class Services {
    /**
     * The Python habit of the prior art (jsonrpc2-zeromq): lower-case, {@code -} becomes {@code _};
     * {@code Return-Null} is looked up as {@code return_null}.
     */
    public static final UnaryOperator<String> LOWER_SNAKE_CASE =
            name -> name.toLowerCase(Locale.ROOT).replace('-', '_');

    private static final Services EMPTY = new Services(new LinkedHashMap<>(), null, null);

    private final Map<String, RegisteredMethod> methods;
    private final UnaryOperator<String> nameNormalizer;
    private final RegisteredMethod fallback;

    private Services(
            Map<String, RegisteredMethod> methods, UnaryOperator<String> nameNormalizer, RegisteredMethod fallback) {
        this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        this.nameNormalizer = nameNormalizer;
        this.fallback = fallback;
    }

    /** A registry with no methods. */
    public static Services empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The method that answers {@code name} (as received, namespace included): the one registered
     * under it, else under its normalised form, else the fallback (registered under the received
     * name); null when none does.
     */
    public RegisteredMethod lookup(String name) {
        if (name == null) {
            return null;
        }
        RegisteredMethod registered = lookupRegistered(name);
        if (registered != null || fallback == null) {
            return registered;
        }
        return new RegisteredMethod(name, fallback.handler(), fallback.nonBlocking());
    }

    /**
     * The method registered under {@code name} or its normalised form, ignoring the fallback; null
     * when there is none. The engine uses it to tell its own protocol notifications ({@code
     * $/cancelRequest}) from methods the user answers.
     */
    public RegisteredMethod lookupRegistered(String name) {
        if (name == null) {
            return null;
        }
        RegisteredMethod exact = methods.get(name);
        if (exact != null || nameNormalizer == null) {
            return exact;
        }
        return methods.get(nameNormalizer.apply(name));
    }

    /** Whether a fallback handler answers the names nothing else does. */
    public boolean hasFallback() {
        return fallback != null;
    }

    /** Every registered name, in registration order; unmodifiable. */
    public Set<String> names() {
        return methods.keySet();
    }

    /** Every registered method, in registration order; unmodifiable. */
    public Collection<RegisteredMethod> methods() {
        return methods.values();
    }

    /** A builder holding this registry's methods and options, to which more can be added. */
    public Builder newBuilder() {
        return new Builder().include(this);
    }

    @Override
    public String toString() {
        return "Services" + methods.keySet();
    }

    /**
     * Collects methods for a {@link Services}. Not thread-safe. Every method checks its input at once
     * and throws {@link IllegalArgumentException} on misuse (a name registered twice, two Java
     * overloads mapping to one RPC name, an object with nothing to expose, an empty name or one in the
     * {@code rpc.} space the spec reserves); a registration that fails adds nothing.
     */
    public static final class Builder {
        private final Map<String, RegisteredMethod> methods = new LinkedHashMap<>();
        private UnaryOperator<String> nameNormalizer;
        private RegisteredMethod fallback;

        private Builder() {}

        /**
         * Exposes the public {@link JsonRpcMethod} methods of {@code service} (inherited ones included),
         * in the namespace of its class's {@link JsonRpcService}, or none.
         */
        public Builder service(Object service) {
            return addAll(ServiceScanner.annotated(null, service));
        }

        /** Exposes the {@link JsonRpcMethod} methods of {@code service} in {@code namespace} ("" for none). */
        public Builder service(String namespace, Object service) {
            Objects.requireNonNull(namespace, "namespace");
            return addAll(ServiceScanner.annotated(namespace, service));
        }

        /**
         * Exposes every abstract method of {@code iface}, served by {@code impl}, in the namespace of
         * the interface's {@link JsonRpcService}, or none. Annotations on the interface are optional.
         */
        public <T> Builder service(Class<T> iface, T impl) {
            return addAll(ServiceScanner.ofInterface(null, iface, impl));
        }

        /** Exposes every abstract method of {@code iface} in {@code namespace} ("" for none). */
        public <T> Builder service(String namespace, Class<T> iface, T impl) {
            Objects.requireNonNull(namespace, "namespace");
            return addAll(ServiceScanner.ofInterface(namespace, iface, impl));
        }

        /** Registers a raw handler, run on the peer's executor. */
        public Builder method(String name, MethodHandler handler) {
            return add(new RegisteredMethod(name, Objects.requireNonNull(handler, "handler"), false));
        }

        /**
         * Registers a raw handler run inline on the transport thread: it must never block (see {@link
         * JsonRpcMethod#nonBlocking()}).
         */
        public Builder nonBlockingMethod(String name, MethodHandler handler) {
            return add(new RegisteredMethod(name, Objects.requireNonNull(handler, "handler"), true));
        }

        /** Registers a method without params ({@code []}, {@code {}} or none). */
        public <R> Builder method(String name, Supplier<R> fn) {
            return method(name, LambdaHandlers.supplier(fn));
        }

        /**
         * Registers a method with one param of type {@code P}: the first positional param, the single
         * member of a params object, or, when {@code P} is a bean, record or map, the whole params
         * object. When {@code P} is an array or collection, positional params {@code [1, 2]} bind as a
         * whole as well as {@code [[1, 2]]}.
         */
        public <P, R> Builder method(String name, Class<P> paramType, Function<P, R> fn) {
            return method(name, LambdaHandlers.function(paramType, fn));
        }

        /** Registers a method with two positional params (params objects are refused with -32602). */
        public <P1, P2, R> Builder method(
                String name, Class<P1> paramType1, Class<P2> paramType2, BiFunction<P1, P2, R> fn) {
            return method(name, LambdaHandlers.biFunction(paramType1, paramType2, fn));
        }

        /**
         * Registers a method with one param, bound as for {@link #method(String, Class, Function)},
         * and no result: meant to be notified (a call gets a null result).
         */
        public <P> Builder notification(String name, Class<P> paramType, Consumer<P> fn) {
            return method(name, LambdaHandlers.consumer(paramType, fn));
        }

        /** Adds every method of {@code other}, and its name normaliser and fallback where it has them. */
        public Builder include(Services other) {
            addAll(Objects.requireNonNull(other, "other").methods());
            if (other.nameNormalizer != null) {
                nameNormalizer = other.nameNormalizer;
            }
            if (other.fallback != null) {
                fallback = other.fallback;
            }
            return this;
        }

        /**
         * Looks up a name that is not registered as {@code normalizer.apply(name)} too, e.g. {@link
         * #LOWER_SNAKE_CASE}; registered names are kept as given. Null turns it off (the default).
         */
        public Builder nameNormalizer(UnaryOperator<String> normalizer) {
            this.nameNormalizer = normalizer;
            return this;
        }

        /**
         * Answers every request and notification whose name nothing registered answers (instead of
         * -32601 Method not found); the handler reads the name from {@link
         * dev.junction.RpcContext#method()}. Null removes it (the default). The engine's cancel
         * notification never reaches it.
         */
        public Builder fallback(MethodHandler handler) {
            this.fallback = handler == null ? null : new RegisteredMethod("*", handler, false);
            return this;
        }

        /** As {@link #fallback(MethodHandler)}, run inline on the transport thread: it must not block. */
        public Builder nonBlockingFallback(MethodHandler handler) {
            this.fallback = handler == null ? null : new RegisteredMethod("*", handler, true);
            return this;
        }

        /** The registry, as it stands; the builder may go on to build others. */
        public Services build() {
            if (methods.isEmpty() && nameNormalizer == null && fallback == null) {
                return EMPTY;
            }
            return new Services(methods, nameNormalizer, fallback);
        }

        private Builder add(RegisteredMethod method) {
            return addAll(List.of(method));
        }

        private Builder addAll(Collection<RegisteredMethod> added) {
            for (RegisteredMethod method : added) {
                MethodNames.checkName(method.name());
                if (methods.containsKey(method.name())) {
                    throw new IllegalArgumentException("Duplicate method name '" + method.name() + "'");
                }
            }
            Map<String, RegisteredMethod> staged = new LinkedHashMap<>();
            for (RegisteredMethod method : added) {
                if (staged.putIfAbsent(method.name(), method) != null) {
                    throw new IllegalArgumentException("Duplicate method name '" + method.name() + "'");
                }
            }
            methods.putAll(staged);
            return this;
        }
    }
}
