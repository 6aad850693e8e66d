package dev.junction.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a typed proxy's method send a notification (a message with no id, which gets no answer)
 * instead of a call. The method must return {@code void}; calling it returns as soon as the
 * notification is handed to the connection. May be combined with {@link JsonRpcMethod} to rename the
 * method or send named params. Has no effect on the server side, where any method may be notified.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JsonRpcNotification {}
