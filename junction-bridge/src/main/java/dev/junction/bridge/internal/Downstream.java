package dev.junction.bridge.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import java.util.function.Supplier;

/**
 * One outbound connection, made on first use and made again on the next use after it closed. A
 * failed connect throws {@link dev.junction.TransportException} to that user; the next use tries
 * again. Thread-safe: connecting is serialised.
 */
public final class Downstream implements AutoCloseable {
    private final String uri;
    private final Supplier<Junction.ClientBuilder> builders;
    private RpcClient client;
    private boolean closed;

    public Downstream(String uri, Supplier<Junction.ClientBuilder> builders) {
        this.uri = uri;
        this.builders = builders;
    }

    /** The open connection, connecting first if there is none. */
    public synchronized RpcClient get() {
        if (closed) {
            throw new ConnectionClosedException("The bridge is closed");
        }
        if (client == null || !client.isOpen()) {
            client = builders.get().connect(uri);
        }
        return client;
    }

    /** Closes {@code broken} and forgets it, so that the next {@link #get} connects again. */
    public synchronized void discard(RpcClient broken) {
        if (client == broken) {
            client = null;
        }
        broken.close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
