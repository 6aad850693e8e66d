package dev.junction.internal.mem;

import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.TransportProvider;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory transport, {@code mem://name}: listeners are registered by name in this JVM, and a
 * connection is a pair of queues. Frames are handed over without copying and delivered on a
 * transport thread of the receiving end, in order, as a socket transport would. Thread-safe.
 */
public final class MemTransport implements TransportProvider {
    private static final ConcurrentHashMap<String, MemListener> LISTENERS = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        MemListener listener = LISTENERS.get(endpoint.host());
        if (listener == null) {
            return CompletableFuture.failedFuture(new TransportException(
                    "Cannot connect to " + endpoint + ": connection refused",
                    new ConnectException("No listener at mem://" + endpoint.host())));
        }
        return CompletableFuture.completedFuture(listener.accept());
    }

    @Override
    public Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        String name = endpoint.host();
        if (name.isEmpty()) {
            throw new TransportException("A mem:// endpoint needs a name, as in mem://calculator");
        }
        MemListener listener = new MemListener(endpoint, onAccept, () -> LISTENERS.remove(name));
        if (LISTENERS.putIfAbsent(name, listener) != null) {
            throw new TransportException("Cannot listen on " + endpoint + ": address already in use");
        }
        return listener;
    }
}
