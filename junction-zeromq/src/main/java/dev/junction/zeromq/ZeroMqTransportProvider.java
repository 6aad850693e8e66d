package dev.junction.zeromq;

import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.TransportProvider;
import dev.junction.zeromq.internal.ZmqTransports;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every ZeroMQ socket pattern as a Junction transport, on JeroMQ: {@code zmq-router}, {@code
 * zmq-dealer}, {@code zmq-rep}, {@code zmq-req}, {@code zmq-pull}, {@code zmq-push}, {@code
 * zmq-sub} and {@code zmq-pub}. The module's README maps each pattern onto connections and lists
 * the URI options. Stateless and thread-safe: each socket is owned by one daemon thread
 * ({@code junction-zmq-*}), which other threads reach through a queue.
 */
public final class ZeroMqTransportProvider implements TransportProvider {
    @Override
    public Set<String> schemes() {
        return ZmqTransports.SCHEMES;
    }

    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        return ZmqTransports.connect(endpoint, options);
    }

    @Override
    public Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        return ZmqTransports.listen(endpoint, options, onAccept);
    }
}
