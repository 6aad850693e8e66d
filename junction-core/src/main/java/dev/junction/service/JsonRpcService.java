package dev.junction.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class or interface as a JSON-RPC service and names its namespace. Methods of a service in
 * namespace {@code app.users} are called as {@code app.users.getUsers}; with no namespace (the
 * default) they are called by their bare names.
 *
 * <p>On the server side, {@link Services.Builder#service(Object)} reads it from the object's class
 * (or, failing that, from the one interface of that class that carries it); on the client side,
 * {@code RpcPeer.proxy(Class)} reads it from the proxied interface. Inherited by subclasses.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonRpcService {
    /** The namespace: empty for none, otherwise dot-separated words such as {@code app.users}. */
    String value() default "";

    /**
     * For typed proxies only: send every method's params as a JSON object keyed by parameter name
     * instead of an array. Servers accept both forms regardless.
     */
    boolean namedParams() default false;
}
