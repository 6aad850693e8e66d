package dev.junction.internal.service;

import dev.junction.JunctionException;
import dev.junction.RpcPeer;
import dev.junction.service.JsonRpcService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Makes typed clients: {@code create(Calculator.class, peer)} returns a {@code Calculator} whose
 * methods call the remote peer. Every method is read once, here, so an interface a proxy cannot send
 * fails at once. The proxies are thread-safe (as the peer is) and hold no state of their own.
 */
public final class ProxyFactory {
    private ProxyFactory() {}

    /**
     * A proxy of {@code iface} calling through {@code peer}.
     *
     * @throws IllegalArgumentException when {@code iface} is not an interface, or one of its abstract
     *     methods has a shape a proxy cannot send (a generic result type, an {@code RpcContext}
     *     parameter, a {@code Future} other than {@code CompletableFuture}/{@code CompletionStage}, a
     *     non-void notification, unnamed parameters with named params)
     */
    public static <T> T create(Class<T> iface, RpcPeer peer) {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(peer, "peer");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface; proxies need one");
        }
        String namespace = ServiceScanner.interfaceNamespace(iface);
        JsonRpcService service = iface.getAnnotation(JsonRpcService.class);
        Map<Method, ProxyMethod> methods = new HashMap<>();
        for (Method method : iface.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !ServiceScanner.declaredByObject(method)) {
                methods.put(method, ProxyMethod.of(method, namespace, service));
            }
        }
        Object proxy = Proxy.newProxyInstance(
                iface.getClassLoader(), new Class<?>[] {iface}, new Handler(iface, peer, methods));
        return iface.cast(proxy);
    }

    private static final class Handler implements InvocationHandler {
        private final Class<?> iface;
        private final RpcPeer peer;
        private final Map<Method, ProxyMethod> methods;

        Handler(Class<?> iface, RpcPeer peer, Map<Method, ProxyMethod> methods) {
            this.iface = iface;
            this.peer = peer;
            this.methods = methods;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            ProxyMethod target = methods.get(method);
            if (target != null) {
                return send(target, args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            switch (method.getName()) {
                case "equals":
                    return args != null && args.length == 1 && proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Proxy[" + iface.getName() + " via " + peer + "]";
                default:
                    // Object methods redeclared abstract in the interface, called on the proxy.
                    throw new UnsupportedOperationException(method.toString());
            }
        }

        private Object send(ProxyMethod target, Object[] args) throws Throwable {
            switch (target.kind) {
                case NOTIFICATION:
                    peer.notify(target.name, target.params(args));
                    return null;
                case ASYNC:
                    return peer.callAsync(target.name, target.resultType, target.params(args));
                default:
                    Object result = await(target, peer.callAsync(target.name, target.resultType, target.params(args)));
                    Class<?> returns = target.method.getReturnType();
                    if (returns == void.class) {
                        return null;
                    }
                    if (result == null && returns.isPrimitive()) {
                        // As Jackson binds null to a primitive: its zero, not a NullPointerException.
                        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(returns, 1), 0);
                    }
                    return result;
            }
        }

        private static Object await(ProxyMethod target, CompletableFuture<Object> future) throws Throwable {
            try {
                return future.get();
            } catch (ExecutionException | CompletionException e) {
                throw unwrap(target, e);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new JunctionException("Interrupted while waiting for " + target.name, e);
            }
        }

        /** The typed exception inside, or, for a checked one the method does not declare, a wrapper. */
        private static Throwable unwrap(ProxyMethod target, Throwable t) {
            while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof RuntimeException || t instanceof Error || t instanceof CancellationException) {
                return t;
            }
            for (Class<?> declared : target.method.getExceptionTypes()) {
                if (declared.isInstance(t)) {
                    return t;
                }
            }
            return new JunctionException(String.valueOf(t), t);
        }
    }
}
