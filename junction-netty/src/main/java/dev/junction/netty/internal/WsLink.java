package dev.junction.netty.internal;

import dev.junction.TransportException;
import dev.junction.netty.WebSocketClosedException;
import dev.junction.netty.WebSocketSession;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a WebSocket link, after Netty's protocol handler (handshake, pong answers)
 * and frame aggregator: passes whole text or binary messages to the {@link NettyConnection}, turns
 * the peer's close frame into the close cause (a {@link WebSocketClosedException} unless 1000),
 * answers an oversize message with 1009, and keeps the link alive with pings, closing a peer that
 * stays silent for {@code pingTimeout} after one. Also the link's {@link WebSocketSession}.
 */
final class WsLink extends ChannelInboundHandlerAdapter implements WebSocketSession {
    private static final Logger log = LoggerFactory.getLogger(WsLink.class);

    private final NettyConnection connection;
    private final WebSettings settings;
    /** Completes with the channel once the handshake is done; fails if it does not. */
    final CompletableFuture<Channel> handshake = new CompletableFuture<>();

    private ChannelHandlerContext ctx;
    private volatile String subprotocol;
    private volatile CloseWebSocketFrame closeFrame;
    private Throwable cause;
    private boolean closeReceived;
    private boolean awaitingPong;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongTimer;

    WsLink(NettyConnection connection, WebSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /**
     * This link becomes its connection's current one (after the handshake, before {@code
     * linkUp}): the connection closes it with this link's close frame, and handlers see it as
     * {@link dev.junction.netty.NettyOptions#WEB_SOCKET}. On the event loop.
     */
    void becomeCurrent() {
        connection.linkCloser(this::closeLink);
        connection.attributes().set(dev.junction.netty.NettyOptions.WEB_SOCKET, this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** The handshake is done: pings start, reads pause until the connection starts. */
    void handshakeDone(String agreed) {
        this.subprotocol = agreed;
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        long interval = settings.pingInterval.toNanos();
        if (interval > 0) {
            pingTask = ctx.executor().scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.NANOSECONDS);
        }
        handshake.complete(ch);
    }

    private void ping() {
        if (awaitingPong || !ctx.channel().isActive()) {
            return;
        }
        awaitingPong = true;
        ctx.writeAndFlush(new PingWebSocketFrame());
        pongTimer = ctx.executor()
                .schedule(
                        () -> {
                            if (awaitingPong) {
                                closeWith(
                                        new TransportException("No answer to a ping within "
                                                + settings.pingTimeout.toMillis() + " ms (option pingTimeout); closed "
                                                + ctx.channel().remoteAddress()),
                                        WebSocketCloseStatus.POLICY_VIOLATION.code(),
                                        "ping timeout");
                            }
                        },
                        settings.pingTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
    }

    /** Anything from the peer shows it is alive. */
    private void alive() {
        if (awaitingPong) {
            awaitingPong = false;
            if (pongTimer != null) {
                pongTimer.cancel(false);
                pongTimer = null;
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof WebSocketFrame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            alive();
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                if (!closeReceived) {
                    connection.frameIn(ByteBufUtil.getBytes(frame.content()));
                }
            } else if (frame instanceof CloseWebSocketFrame) {
                closeReceived((CloseWebSocketFrame) frame);
            }
            // pongs only show the peer is alive; Netty's protocol handler answers pings
        } finally {
            frame.release();
        }
    }

    private void closeReceived(CloseWebSocketFrame frame) {
        if (closeReceived) {
            return;
        }
        closeReceived = true;
        int code = frame.statusCode();
        String reason = frame.reasonText();
        if (code != WebSocketCloseStatus.NORMAL_CLOSURE.code() && cause == null) {
            cause = new WebSocketClosedException(code < 0 ? 1005 : code, reason);
        }
        log.debug("{} closed by peer: {} {}", ctx.channel(), code, reason);
        // Echo the code (RFC 6455 5.5.1) unless a close frame already went out; then close.
        int echo = code < 0 ? WebSocketCloseStatus.NORMAL_CLOSURE.code() : code;
        ctx.writeAndFlush(validForSending(echo) ? new CloseWebSocketFrame(echo, "") : new CloseWebSocketFrame(1000, ""))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean validForSending(int code) {
        return code != 1005 && code != 1006 && code != 1015 && code >= 1000 && code < 5000;
    }

    private void closeWith(Throwable reason, int code, String text) {
        if (cause == null) {
            cause = reason;
        }
        log.debug("Closing {} with {}: {}", ctx.channel(), code, reason.toString());
        Channel ch = ctx.channel();
        if (ch.isActive()) {
            ch.writeAndFlush(new CloseWebSocketFrame(code, text)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** How the connection closes a link: its close frame (1000 unless {@link #close(int, String)} chose one). */
    private void closeLink(Channel ch) {
        CloseWebSocketFrame custom = closeFrame;
        closeFrame = null;
        if (custom != null && ch.isActive()) {
            ch.writeAndFlush(custom).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close(); // Netty's protocol handler sends 1000 first
        }
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public void close(int code, String reason) {
        closeFrame = new CloseWebSocketFrame(code, reason == null ? "" : reason);
        connection.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            handshakeDone(((WebSocketServerProtocolHandler.HandshakeComplete) evt).selectedSubprotocol());
            return;
        }
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            WebSocketClientProtocolHandler ws = context.pipeline().get(WebSocketClientProtocolHandler.class);
            handshakeDone(ws == null ? null : ws.handshaker().actualSubprotocol());
            return;
        }
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT
                || evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new TransportException("The WebSocket handshake timed out after "
                    + connection.settings().connectTimeout.toMillis() + " ms (option connectTimeout)"));
            context.close();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            closeWith(
                    new TransportException("No traffic for the idle timeout of "
                            + connection.settings().idleTimeout.toMillis() + " ms (option idleTimeout); closed "
                            + context.channel().remoteAddress()),
                    WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(),
                    "idle timeout");
            return;
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            connection.scheduleDrain();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
        Throwable real = error instanceof DecoderException && error.getCause() != null ? error.getCause() : error;
        if (!handshake.isDone()) {
            handshake.completeExceptionally(real);
            context.close();
            return;
        }
        if (real instanceof TooLongFrameException
                || (real instanceof CorruptedWebSocketFrameException
                        && ((CorruptedWebSocketFrameException) real).closeStatus()
                                == WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
            closeWith(
                    new TransportException(
                            "A message over the limit of "
                                    + connection.settings().limits.maxFrameBytes()
                                    + " bytes (Limits.maxFrameBytes) arrived; closed with 1009",
                            real),
                    WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
                    "message too big");
            return;
        }
        if (real instanceof CorruptedWebSocketFrameException) {
            closeWith(real, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "protocol error");
            return;
        }
        log.debug("Error on {}: {}", context.channel(), real.toString());
        if (cause == null) {
            cause = real;
        }
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        alive();
        if (!handshake.isDone()) {
            handshake.completeExceptionally(
                    cause != null ? cause : new TransportException("Connection closed during the WebSocket handshake"));
        } else {
            connection.linkClosed(context.channel(), cause);
        }
        context.fireChannelInactive();
    }
}
