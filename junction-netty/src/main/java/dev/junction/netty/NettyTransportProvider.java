package dev.junction.netty;

import dev.junction.netty.internal.NettyClients;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.TransportProvider;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code tcp://host:port} and {@code tls://host:port} on Netty, client and server, with any
 * framing from core ({@code ?framing=NAME}, newline by default). Found by {@link
 * java.util.ServiceLoader}; stateless and thread-safe. Every connection and listener shares one
 * process-wide event loop group of daemon threads ({@code junction-netty-*}: native epoll where
 * available, else NIO). {@link NettyOptions} lists the options.
 */
public final class NettyTransportProvider implements TransportProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("tcp", "tls", "ws", "wss", "http", "https");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException at once for a bad option (unknown framing, unreadable TLS
     *     file, a malformed duration...)
     */
    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        return NettyClients.connect(endpoint, options);
    }

    @Override
    public Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        return NettyClients.listen(endpoint, options, onAccept);
    }
}
