package dev.junction.service;

import java.util.Objects;

/**
 * One method a peer answers: its full dotted name, its handler, and whether the handler is
 * non-blocking (run inline on the transport thread, without a hop to the executor). Immutable.
 */
public record RegisteredMethod(String name, MethodHandler handler, boolean nonBlocking) {
    public RegisteredMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
    }
}
