package dev.junction.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a parameter on the wire and says whether a caller may omit it. Without it, a parameter's
 * wire name is its Java name (the code must be compiled with {@code -parameters}) and it is required,
 * unless its type is {@link java.util.Optional}.
 *
 * <p>An omitted optional parameter is bound as null, {@code Optional.empty()}, or a primitive's zero
 * value. On typed proxies, a null optional argument is left out of named params, and trailing null
 * optional arguments are left out of positional params.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JsonRpcParam {
    /** The wire name; empty (the default) uses the Java parameter name. */
    String value() default "";

    /** Whether the caller must send this parameter; false lets it be omitted. */
    boolean required() default true;
}
