package dev.junction.transport;

import java.util.concurrent.CompletableFuture;

/**
 * A bound server endpoint that accepts connections. Thread-safe. Closing it stops accepting; the
 * connections it accepted stay open (their owners close them).
 */
public interface Listener extends AutoCloseable {
    /** The endpoint actually bound: with port 0 resolved to the real port. */
    Endpoint endpoint();

    /** Stops accepting; idempotent. */
    @Override
    void close();

    /** Completes once the listener is closed. */
    CompletableFuture<Void> closeFuture();
}
