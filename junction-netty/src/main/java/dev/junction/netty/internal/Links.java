package dev.junction.netty.internal;

import dev.junction.TransportException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds links: the pipeline of a channel ({@code [SslHandler] [IdleStateHandler] InboundHandler}),
 * and client channels (connect, then the TLS handshake).
 */
final class Links {
    /** The channel's SslHandler, kept beyond the pipeline's teardown. */
    static final AttributeKey<SslHandler> TLS_HANDLER = AttributeKey.valueOf("junction.tls");

    private Links() {}

    /** Sets up {@code ch}'s pipeline for {@code connection}; a client passes the host it dials. */
    static void initPipeline(Channel ch, NettyConnection connection, SslContext ssl, boolean client) {
        Settings s = connection.settings();
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", sslHandler(ch, s, ssl, client));
        }
        addIdle(p, s);
        p.addLast("junction", new InboundHandler(connection));
    }

    /** The TLS handler of a link: a client verifies the host name it dials unless told not to. */
    static SslHandler sslHandler(Channel ch, Settings s, SslContext ssl, boolean client) {
        SslHandler handler;
        if (client) {
            handler = ssl.newHandler(ch.alloc(), s.endpoint.host(), s.endpoint.port());
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm(TlsContexts.hostnameVerification(s) ? "HTTPS" : null);
            engine.setSSLParameters(params);
        } else {
            handler = ssl.newHandler(ch.alloc());
        }
        handler.setHandshakeTimeoutMillis(Math.max(1, s.connectTimeout.toMillis()));
        ch.attr(TLS_HANDLER).set(handler);
        return handler;
    }

    /** The idle-timeout handler, when {@code idleTimeout} is set. */
    static void addIdle(ChannelPipeline p, Settings s) {
        if (!s.idleTimeout.isZero()) {
            p.addLast("idle", new IdleStateHandler(0, 0, s.idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Opens one client link for {@code connection} on {@code group}: connects within the connect
     * timeout, then completes the TLS handshake. The channel is not yet the connection's link.
     */
    static CompletableFuture<Channel> open(NettyConnection connection, EventLoopGroup group, SslContext ssl) {
        Settings s = connection.settings();
        CompletableFuture<Channel> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, s.connectTimeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initPipeline(ch, connection, ssl, true);
                    }
                });
        ChannelFuture connect = b.connect(s.endpoint.host(), s.endpoint.port());
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
                return;
            }
            Channel ch = connect.channel();
            if (ssl == null) {
                result.complete(ch);
                return;
            }
            // Not ch.pipeline().get(SslHandler.class): a handshake refused at once closes the
            // channel and empties its pipeline before this runs; the handler still has the cause.
            SslHandler tls = ch.attr(TLS_HANDLER).get();
            // AUTO_READ is off until the connection starts; the handshake needs a first read
            // (SslHandler issues the later ones itself).
            ch.read();
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    result.complete(ch);
                } else {
                    ch.close();
                    result.completeExceptionally(unwrap(handshake.cause()));
                }
            });
        });
        return result;
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
    }

    /** The error for a failed connect: names the endpoint, carries the cause. */
    static TransportException connectError(Settings s, Throwable cause) {
        Throwable real = unwrap(cause);
        String where = s.endpoint.scheme() + "://" + s.endpoint.host() + ":" + s.endpoint.port()
                + (s.web ? s.endpoint.path() : "");
        return new TransportException("Cannot connect to " + where + ": " + real, real);
    }
}
