package dev.junction.transport;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A transport, found through {@link java.util.ServiceLoader} by URI scheme (register in {@code
 * META-INF/services/dev.junction.transport.TransportProvider}). Stateless and thread-safe; the
 * resources it makes (event loops, sockets) are released when the connections and listeners close.
 */
public interface TransportProvider {
    /** The URI schemes this transport serves, such as {@code tcp} and {@code tls}. */
    Set<String> schemes();

    /**
     * Connects to {@code endpoint}.
     *
     * @return the connection, not yet started; or exceptionally a {@link
     *     dev.junction.TransportException} carrying the cause (refused, timed out, TLS failure...)
     */
    CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options);

    /**
     * Binds {@code endpoint} and hands each accepted connection, not yet started, to {@code
     * onAccept} (on a transport thread: it must not block).
     *
     * @throws dev.junction.TransportException if the endpoint cannot be bound
     */
    Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept);
}
