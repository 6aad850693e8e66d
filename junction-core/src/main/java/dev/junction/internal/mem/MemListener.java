package dev.junction.internal.mem;

import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.MemAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A named in-memory listener. Thread-safe. */
final class MemListener implements Listener {
    private final Endpoint endpoint;
    private final Consumer<Connection> onAccept;
    private final Runnable unregister;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicInteger clients = new AtomicInteger();

    MemListener(Endpoint endpoint, Consumer<Connection> onAccept, Runnable unregister) {
        this.endpoint = endpoint;
        this.onAccept = onAccept;
        this.unregister = unregister;
    }

    /** Makes a connected pair, hands the server end to the acceptor, returns the client end. */
    Connection accept() {
        MemAddress server = new MemAddress(endpoint.host());
        MemAddress client = new MemAddress(endpoint.host() + "#client-" + clients.incrementAndGet());
        MemConnection clientEnd = new MemConnection(client, server);
        MemConnection serverEnd = new MemConnection(server, client);
        clientEnd.link(serverEnd);
        serverEnd.link(clientEnd);
        onAccept.accept(serverEnd);
        return clientEnd;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            unregister.run();
            closed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }
}
