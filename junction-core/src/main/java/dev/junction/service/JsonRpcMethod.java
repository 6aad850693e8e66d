package dev.junction.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method as a JSON-RPC method (on a class registered with {@link
 * Services.Builder#service(Object)}), or tunes how an interface method is exposed or called (on an
 * interface registered with {@link Services.Builder#service(Class, Object)} or proxied with {@code
 * RpcPeer.proxy(Class)}, where it is optional).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JsonRpcMethod {
    /** The method's RPC name within its service's namespace; empty (the default) uses the Java name. */
    String value() default "";

    /**
     * Server side: run the method inline on the transport thread instead of on the peer's executor.
     * Only for methods that never block (no I/O, no locks held for long, no blocking calls back to the
     * remote peer); a blocking non-blocking method stalls every message on its connection.
     */
    boolean nonBlocking() default false;

    /**
     * Client side (typed proxies): send this method's params as a JSON object keyed by parameter name
     * instead of an array. Servers accept both forms regardless.
     */
    boolean namedParams() default false;
}
