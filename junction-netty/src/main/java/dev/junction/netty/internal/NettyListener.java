package dev.junction.netty.internal;

import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound {@code tcp://} or {@code tls://} endpoint. Each accepted channel becomes a {@link
 * NettyConnection}, handed to the acceptor once it is usable (after the TLS handshake), not
 * started and not reading. At most {@code maxConnections} are held at once; a channel accepted
 * beyond that is closed at once. Thread-safe.
 */
public final class NettyListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(NettyListener.class);

    private final Settings settings;
    private final SslContext ssl;
    private final Consumer<Connection> onAccept;
    private final AtomicInteger active = new AtomicInteger();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Channel serverChannel;
    private final Endpoint bound;
    /** ws, wss, http, https: their settings; null for tcp and tls. */
    private final WebSettings web;

    NettyListener(Settings settings, Consumer<Connection> onAccept) {
        this.settings = settings;
        this.ssl = settings.tls ? TlsContexts.forServer(settings) : null;
        this.onAccept = onAccept;
        this.web = settings.web ? new WebSettings(settings) : null;
        ServerBootstrap b = new ServerBootstrap()
                .group(EventLoops.group())
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
        Endpoint endpoint = settings.endpoint;
        ChannelFuture bind = b.bind(settings.bindHost(), endpoint.port(0)).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new TransportException(
                    "Cannot listen on " + endpoint.scheme() + "://" + endpoint.host() + ":" + endpoint.port(0) + ": "
                            + bind.cause(),
                    bind.cause());
        }
        serverChannel = bind.channel();
        bound = endpoint.withPort(((InetSocketAddress) serverChannel.localAddress()).getPort());
        serverChannel.closeFuture().addListener(f -> closed.complete(null));
    }

    private void accept(Channel ch) {
        if (active.incrementAndGet() > settings.maxConnections) {
            active.decrementAndGet();
            log.warn(
                    "Refused a connection from {} on {}: {} connections open, the most allowed (option maxConnections)",
                    ch.remoteAddress(),
                    bound,
                    settings.maxConnections);
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> active.decrementAndGet());
        if (web != null) {
            if (web.common.endpoint.scheme().startsWith("ws")) {
                WebSockets.initServer(ch, web, ssl, this::handOver);
            } else {
                HttpServers.initServer(ch, web, ssl, this::handOver);
            }
            return;
        }
        NettyConnection connection = new NettyConnection(settings);
        Links.initPipeline(ch, connection, ssl, false);
        SslHandler tls = ch.attr(Links.TLS_HANDLER).get();
        if (tls == null) {
            connection.linkUp(ch);
            handOver(connection);
            return;
        }
        ch.read(); // AUTO_READ is off until the connection starts; the handshake needs a first read
        tls.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                connection.linkUp(ch);
                handOver(connection);
            } else {
                log.debug(
                        "TLS handshake with {} failed: {}",
                        ch.remoteAddress(),
                        Links.unwrap(handshake.cause()).toString());
                ch.close();
            }
        });
    }

    private void handOver(Connection connection) {
        try {
            onAccept.accept(connection);
        } catch (RuntimeException e) {
            log.warn("The acceptor of {} failed; closing {}", bound, connection, e);
            connection.close();
        }
    }

    /** Connections open now (for tests and metrics). */
    public int activeConnections() {
        return active.get();
    }

    @Override
    public Endpoint endpoint() {
        return bound;
    }

    @Override
    public void close() {
        ChannelFuture closing = serverChannel.close();
        if (!serverChannel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(); // an event loop thread must not block; it gets closeFuture()
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public String toString() {
        return "NettyListener[" + bound + "]";
    }
}
