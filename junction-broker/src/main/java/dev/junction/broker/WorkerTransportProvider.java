package dev.junction.broker;

import dev.junction.TransportException;
import dev.junction.broker.internal.WorkerListener;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.TransportProvider;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@code zmq-worker} scheme: a Junction server that listens on {@code
 * zmq-worker://broker-host:port} works for the {@link Broker} whose backend is there. The "listener"
 * is a DEALER socket that connects to the broker, registers (READY, with its capacity and the
 * methods it declares idempotent) and exchanges heartbeats; each client whose messages the broker
 * hands it becomes one {@link Connection} (one peer in {@code server.peers()}), so answers,
 * notifications and calls back to that client go through the broker to it.
 *
 * <p>Options: {@code capacity} (16: requests the broker gives it at once), {@code heartbeat} (1s),
 * {@code liveness} (3: silent broker intervals before the worker resets and registers again),
 * {@code idempotent} (comma-separated method globs), {@code name} (host/pid#n), {@code transport}
 * (tcp, ipc), {@code hwm} (1000), {@code linger} (1000 ms). Registered through {@link
 * java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class WorkerTransportProvider implements TransportProvider {
    /** The URI scheme. */
    public static final String SCHEME = "zmq-worker";

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    /** Always fails: a worker only serves; clients connect to the broker's frontend. */
    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        return CompletableFuture.failedFuture(new TransportException("zmq-worker is a server scheme (listen on it); "
                + "clients connect to the broker's frontend with zmq-dealer:// or zmq-req://"));
    }

    /**
     * Connects to the broker's backend and registers; never fails for a broker that is not up yet
     * (ZeroMQ connects when it appears).
     *
     * @throws IllegalArgumentException for a malformed URI or option
     */
    @Override
    public Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        return WorkerListener.open(endpoint, onAccept);
    }
}
