package dev.junction.netty.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.TransportException;
import dev.junction.netty.NettyOptions;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request as a {@link Connection}: it delivers the body as its one inbound frame; the first
 * frame sent back is the {@code 200} answer; a body the engine will not answer (notifications) gets
 * {@code 204} at once. It closes once answered. Closed before that (the server closing), it drops
 * the HTTP connection; the HTTP connection dropping (the client gave up) closes it, which cancels the
 * request being served. The server cannot call or notify an HTTP client: a second frame fails.
 */
final class HttpExchange implements Connection {
    private final HttpServers.Handler owner;
    private final Channel channel;
    private final WebSettings settings;
    private final byte[] body;
    private final boolean expectsAnswer;
    private final boolean keepAlive;
    private final boolean http10;
    private final String origin;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Principal principal;
    private volatile ConnectionHandler handler;
    private boolean finished; // on the event loop

    HttpExchange(
            HttpServers.Handler owner,
            Channel channel,
            WebSettings settings,
            byte[] body,
            boolean expectsAnswer,
            boolean keepAlive,
            boolean http10,
            String origin) {
        this.owner = owner;
        this.channel = channel;
        this.settings = settings;
        this.body = body;
        this.expectsAnswer = expectsAnswer;
        this.keepAlive = keepAlive;
        this.http10 = http10;
        this.origin = origin;
    }

    void attributesFrom(Channel ch) {
        principal = ch.attr(HttpGate.PRINCIPAL).get();
        attributes.set(NettyOptions.HANDSHAKE, ch.attr(HttpGate.INFO).get());
        SslHandler ssl = ch.attr(Links.TLS_HANDLER).get();
        if (ssl != null) {
            attributes.set(NettyOptions.SSL_SESSION, ssl.engine().getSession());
        }
    }

    @Override
    public void start(ConnectionHandler newHandler) {
        synchronized (this) {
            if (handler != null) {
                throw new IllegalStateException("Already started");
            }
            handler = newHandler;
        }
        channel.eventLoop().execute(() -> {
            if (finished) {
                return;
            }
            newHandler.onFrame(body);
            if (!expectsAnswer && answered.compareAndSet(false, true)) {
                respond(HttpResponseStatus.NO_CONTENT, null, new CompletableFuture<>());
            }
        });
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(
                    new ConnectionClosedException("HTTP exchange with " + channel.remoteAddress() + " closed"));
        }
        if (!answered.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new TransportException(
                    "An HTTP request carries one answer: the server cannot call or notify an HTTP client"));
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.eventLoop().execute(() -> respond(HttpResponseStatus.OK, frame, written));
        return written;
    }

    private void respond(HttpResponseStatus status, byte[] payload, CompletableFuture<Void> written) {
        if (finished || !channel.isActive()) {
            written.completeExceptionally(new ConnectionClosedException("HTTP connection closed before the answer"));
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                status,
                payload == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(payload));
        if (payload != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, settings.contentType());
        }
        HttpUtil.setContentLength(res, payload == null ? 0 : payload.length);
        HttpGate.corsHeaders(settings, res, origin);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        var future = channel.writeAndFlush(res);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        future.addListener(done -> {
            if (done.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new TransportException("Writing the HTTP answer failed", done.cause()));
            }
            finish(null);
            owner.done(this, keepAlive);
        });
    }

    /** The HTTP connection closed; on the event loop. */
    void channelClosed() {
        if (!finished) {
            open.set(false);
            finish(answered.get() ? null : new TransportException("The HTTP client went away before the answer"));
        }
    }

    private void finish(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        open.set(false);
        ConnectionHandler h = handler;
        if (h != null) {
            h.onClose(cause);
        }
        closed.complete(null);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** An HTTP request carries one answer; the server cannot call or notify the client through it. */
    @Override
    public boolean canInitiate() {
        return false;
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!answered.getAndSet(true)) {
                channel.close(); // unanswered: the client sees the connection drop
            }
            finish(null);
        });
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "HttpExchange[" + channel.remoteAddress() + (open.get() ? "" : ", closed") + "]";
    }
}
