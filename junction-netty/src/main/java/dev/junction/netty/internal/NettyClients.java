package dev.junction.netty.internal;

import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The entry points the public provider delegates to. */
public final class NettyClients {
    private NettyClients() {}

    /** Connects; the future fails with a TransportException that names the endpoint and carries the cause. */
    public static CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        Settings s = new Settings(endpoint, options);
        if (s.web) {
            if (endpoint.scheme().startsWith("ws")) {
                return WebSockets.connect(s);
            }
            if (s.reconnect) {
                throw new IllegalArgumentException(
                        "reconnect is supported on tcp://, tls://, ws:// and wss:// only (http:// opens"
                                + " connections as calls need them)");
            }
            return HttpClients.connect(s);
        }
        if (endpoint.port() < 0) {
            throw new IllegalArgumentException(
                    "A " + endpoint.scheme() + ":// endpoint needs a port: " + endpoint.host());
        }
        SslContext ssl = s.tls ? TlsContexts.forClient(s) : null;
        NettyConnection connection = new NettyConnection(s);
        if (s.reconnect) {
            connection.reconnectWith(new Reconnector(connection, loop -> Links.open(connection, loop, ssl)));
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Links.open(connection, EventLoops.group(), ssl).whenComplete((ch, error) -> {
            if (error != null) {
                connection.close();
                result.completeExceptionally(Links.connectError(s, error));
                return;
            }
            ch.eventLoop().execute(() -> {
                connection.linkUp(ch);
                if (!connection.isOpen()) {
                    // the peer closed it between the handshake and now: a refusal, not a connection
                    result.completeExceptionally(Links.connectError(s, new java.nio.channels.ClosedChannelException()));
                } else if (!result.complete(connection)) {
                    connection.close();
                }
            });
        });
        return result;
    }

    public static Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        return new NettyListener(new Settings(endpoint, options), onAccept);
    }
}
