package dev.junction.netty.internal;

import dev.junction.TransportException;
import dev.junction.netty.HttpStatusException;
import dev.junction.netty.NettyOptions;
import dev.junction.transport.Connection;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ws://} and {@code wss://}: the server pipeline of an accepted channel, and client
 * connects. One JSON-RPC message (or batch) per text frame, binary frames for binary codecs.
 *
 * <pre>
 * server: [tls] http-codec aggregator gate [deflate] ws-protocol frame-aggregator [idle] WsLink
 * client: [tls] http-codec aggregator [deflate] ws-protocol frame-aggregator [idle] WsLink
 * </pre>
 *
 * (After the handshake Netty swaps the HTTP codec for the WebSocket frame codec.)
 */
final class WebSockets {
    private static final Logger log = LoggerFactory.getLogger(WebSockets.class);
    private static final int HANDSHAKE_BYTES = 64 * 1024;
    private static final long FORCE_CLOSE_MILLIS = 2_000;

    private WebSockets() {}

    static Function<byte[], Object> frames(WebSettings w) {
        return w.binary()
                ? payload -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload))
                : payload -> new TextWebSocketFrame(Unpooled.wrappedBuffer(payload));
    }

    /** Sets up an accepted channel; {@code onAccept} gets its connection once the handshake is done. */
    static void initServer(Channel ch, WebSettings w, SslContext ssl, Consumer<NettyConnection> onAccept) {
        Settings s = w.common;
        int max = s.limits.maxFrameBytes();
        NettyConnection connection = new NettyConnection(s, frames(w));
        WsLink link = new WsLink(connection, w);
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", Links.sslHandler(ch, s, ssl, false));
        }
        p.addLast("http", new HttpServerCodec());
        p.addLast("aggregator", new HttpObjectAggregator(HANDSHAKE_BYTES));
        p.addLast("gate", new HttpGate(w, true));
        if (w.compression) {
            p.addLast("deflate", new WebSocketServerCompressionHandler(max));
        }
        p.addLast(
                "ws",
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(w.path)
                        .checkStartsWith(true) // the gate checked the path; a query may follow
                        .subprotocols(w.subprotocol)
                        .handleCloseFrames(false)
                        .dropPongFrames(false)
                        .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                        .forceCloseTimeoutMillis(FORCE_CLOSE_MILLIS)
                        .handshakeTimeoutMillis(Math.max(1, s.connectTimeout.toMillis()))
                        .decoderConfig(WebSocketDecoderConfig.newBuilder()
                                .maxFramePayloadLength(max)
                                .allowExtensions(w.compression)
                                .build())
                        .build()));
        p.addLast("frames", new WebSocketFrameAggregator(max));
        Links.addIdle(p, s);
        p.addLast("junction", link);
        link.handshake.whenComplete((c, error) -> {
            if (error != null) {
                log.debug("WebSocket handshake with {} failed: {}", ch.remoteAddress(), error.toString());
                ch.close();
                return;
            }
            link.becomeCurrent();
            connection.linkUp(ch);
            connection.authenticated(ch.attr(HttpGate.PRINCIPAL).get());
            connection
                    .attributes()
                    .set(NettyOptions.HANDSHAKE, ch.attr(HttpGate.INFO).get());
            onAccept.accept(connection);
        });
        ch.config().setAutoRead(true); // until the handshake is done; then reads wait for start()
    }

    /**
     * Connects a client: the TCP connect, TLS and WebSocket handshakes within {@code
     * connectTimeout}. With {@code reconnect=true} a dropped link is replaced by a new one (same
     * handshakes) by a {@link Reconnector}; the first connect is not retried.
     */
    static CompletableFuture<Connection> connect(Settings s) {
        WebSettings w = new WebSettings(s);
        if (s.endpoint.port() < 0 && s.endpoint.host().isEmpty()) {
            throw new IllegalArgumentException("A " + s.endpoint.scheme() + ":// endpoint needs a host");
        }
        SslContext ssl = s.tls ? TlsContexts.forClient(s) : null;
        NettyConnection connection = new NettyConnection(s, frames(w));
        if (s.reconnect) {
            connection.reconnectWith(new Reconnector(connection, loop -> openLink(connection, w, ssl, loop)));
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        openLink(connection, w, ssl, EventLoops.group()).whenComplete((ch, error) -> {
            if (error != null) {
                connection.close();
                result.completeExceptionally(
                        error instanceof TransportException ? error : Links.connectError(s, error));
                return;
            }
            connection.linkUp(ch);
            if (!result.complete(connection)) {
                connection.close();
            }
        });
        return result;
    }

    /**
     * Opens one client link of {@code connection} on {@code group}: connects, then the TLS and
     * WebSocket handshakes. Completes (on the link's event loop) with the channel, its {@link
     * WsLink} already the connection's current one, or fails with a {@link TransportException}
     * ({@link HttpStatusException} for a refused handshake).
     */
    private static CompletableFuture<Channel> openLink(
            NettyConnection connection, WebSettings w, SslContext ssl, EventLoopGroup group) {
        Settings s = w.common;
        int port = s.endpoint.port(s.tls ? 443 : 80);
        int max = s.limits.maxFrameBytes();
        WsLink link = new WsLink(connection, w);
        WebSocketClientProtocolConfig config = clientConfig(s, w, uri(s, port), max);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, s.connectTimeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", Links.sslHandler(ch, s, ssl, true));
                        }
                        p.addLast("http", new HttpClientCodec());
                        p.addLast("aggregator", new HttpObjectAggregator(HANDSHAKE_BYTES));
                        if (w.compression) {
                            p.addLast("deflate", new WebSocketClientCompressionHandler(max));
                        }
                        p.addLast("ws", new WebSocketClientProtocolHandler(config));
                        p.addLast("frames", new WebSocketFrameAggregator(max));
                        Links.addIdle(p, s);
                        p.addLast("junction", link);
                    }
                });
        CompletableFuture<Channel> result = new CompletableFuture<>();
        ChannelFuture connect = b.connect(s.endpoint.host(), port);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(Links.connectError(s, done.cause()));
                return;
            }
            Channel ch = connect.channel();
            link.handshake.whenComplete((c, error) -> {
                if (error != null) {
                    ch.close();
                    result.completeExceptionally(handshakeError(s, error));
                    return;
                }
                link.becomeCurrent();
                result.complete(ch);
            });
        });
        return result;
    }

    /** The handshake: Content-Type and Accept of the codec, the configured headers and credentials. */
    private static WebSocketClientProtocolConfig clientConfig(Settings s, WebSettings w, URI uri, int max) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, w.contentType());
        headers.set(HttpHeaderNames.ACCEPT, w.contentType());
        w.headers.forEach(headers::set);
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(w.subprotocol)
                .allowExtensions(w.compression)
                .customHeaders(headers)
                .maxFramePayloadLength(max)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .forceCloseTimeoutMillis(FORCE_CLOSE_MILLIS)
                .handshakeTimeoutMillis(Math.max(1, s.connectTimeout.toMillis()))
                .generateOriginHeader(false)
                .build();
    }

    private static URI uri(Settings s, int port) {
        String path = s.endpoint.path().isEmpty() ? "/" : s.endpoint.path();
        try {
            return new URI(s.tls ? "wss" : "ws", null, s.endpoint.host(), port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Bad WebSocket endpoint " + s.endpoint + ": " + e.getMessage(), e);
        }
    }

    private static TransportException handshakeError(Settings s, Throwable error) {
        Throwable real = Links.unwrap(error);
        if (real instanceof WebSocketClientHandshakeException
                && ((WebSocketClientHandshakeException) real).response() != null) {
            var status = ((WebSocketClientHandshakeException) real).response().status();
            String where =
                    s.endpoint.scheme() + "://" + s.endpoint.host() + ":" + s.endpoint.port() + s.endpoint.path();
            return new HttpStatusException(
                    "Cannot connect to " + where + ": the WebSocket handshake got HTTP " + status, real, status.code());
        }
        return Links.connectError(s, real);
    }
}
