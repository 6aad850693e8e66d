package dev.junction;

import dev.junction.transport.Endpoint;
import java.util.Collection;
import java.util.List;

/**
 * Serves one set of services on one or more endpoints, with a peer per accepted connection. Made
 * by {@link Junction#server()}; you own it and close it. Thread-safe.
 */
public interface RpcServer extends AutoCloseable {
    /** The endpoints bound, in the order given, with port 0 resolved to the real port. */
    List<Endpoint> endpoints();

    /** The peers connected now; each may be called or notified. */
    Collection<RpcPeer> peers();

    /** Stops accepting, closes every connection at once (pending calls on them fail), and returns. */
    @Override
    void close();

    /**
     * Closes gracefully: stops accepting, lets the requests being served finish for up to {@code
     * grace}, then closes every connection. Blocks until done.
     */
    void shutdown(java.time.Duration grace);

    /** Blocks until the server is closed. */
    void awaitClose() throws InterruptedException;
}
