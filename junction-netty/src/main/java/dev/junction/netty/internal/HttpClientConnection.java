package dev.junction.netty.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.ConnectionClosedException;
import dev.junction.TransportException;
import dev.junction.netty.HttpStatusException;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP client {@link Connection}: each frame sent is one POST, whose response body (if any) is
 * the inbound frame. Up to {@code poolSize} keep-alive connections to the server, reused; frames
 * wait in order for a free one. All state lives on one event loop.
 *
 * <p>When the server drops an HTTP connection before answering, the whole connection closes (the
 * server went away; the calls in flight fail with {@code ConnectionClosedException}). Cancelling a
 * call drops the HTTP connection carrying it, which cancels it on a Junction server, instead of
 * sending the cancel notification (which would reach a different exchange).
 */
final class HttpClientConnection implements Connection {
    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("junction.exchange");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CANCEL = "$/cancelRequest".getBytes(StandardCharsets.UTF_8);

    private final WebSettings settings;
    private final Settings s;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String path;
    private final String host;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // on the event loop
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final Set<Channel> channels = new HashSet<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private final ArrayDeque<Runnable> beforeStart = new ArrayDeque<>();
    private int opening;
    private boolean finished;
    /** close() was called and its task has run on the loop (loop-confined). */
    private boolean closing;

    private volatile ConnectionHandler handler;
    private volatile SocketAddress remote;
    private volatile SocketAddress local;

    /** One POST and who waits for it. */
    private static final class Exchange {
        final byte[] body;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Channel channel;
        boolean aborted;

        Exchange(byte[] body) {
            this.body = body;
        }
    }

    HttpClientConnection(WebSettings settings, SslContext ssl, EventLoop loop) {
        this.settings = settings;
        this.s = settings.common;
        this.loop = loop;
        int port = s.endpoint.port(s.tls ? 443 : 80);
        String rawHost = s.endpoint.host();
        String hostName = rawHost.indexOf(':') >= 0 ? "[" + rawHost + "]" : rawHost;
        this.host = port == (s.tls ? 443 : 80) ? hostName : hostName + ":" + port;
        this.path = s.endpoint.path().isEmpty() ? "/" : s.endpoint.path();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, s.connectTimeout.toMillis()))
                .remoteAddress(s.endpoint.host(), port)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", Links.sslHandler(ch, s, ssl, true));
                        }
                        p.addLast("http", new HttpClientCodec());
                        p.addLast("aggregator", new HttpObjectAggregator(s.limits.maxFrameBytes()));
                        p.addLast("junction", new Handler());
                    }
                });
    }

    /** Opens the first HTTP connection, so that a server that is not there fails the connect. */
    CompletableFuture<Connection> connect() {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        openChannel().whenComplete((ch, error) -> {
            if (error != null) {
                result.completeExceptionally(Links.connectError(s, error));
                open.set(false);
                closed.complete(null);
                return;
            }
            remote = ch.remoteAddress();
            local = ch.localAddress();
            SslHandler tls = ch.attr(Links.TLS_HANDLER).get();
            if (tls != null) {
                attributes.set(
                        dev.junction.netty.NettyOptions.SSL_SESSION,
                        tls.engine().getSession());
            }
            result.complete(this);
        });
        return result;
    }

    /** Connects one more channel (and completes its TLS handshake); it joins the idle ones. */
    private CompletableFuture<Channel> openChannel() {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        opening++;
        bootstrap.connect().addListener(connected -> {
            Channel ch = ((io.netty.channel.ChannelFuture) connected).channel();
            if (!connected.isSuccess()) {
                opening--;
                result.completeExceptionally(connected.cause());
                return;
            }
            SslHandler tls = ch.attr(Links.TLS_HANDLER).get();
            if (tls == null) {
                ready(ch, result);
            } else {
                tls.handshakeFuture().addListener(handshake -> {
                    if (handshake.isSuccess()) {
                        ready(ch, result);
                    } else {
                        opening--;
                        ch.close();
                        result.completeExceptionally(Links.unwrap(handshake.cause()));
                    }
                });
            }
        });
        return result;
    }

    private void ready(Channel ch, CompletableFuture<Channel> result) {
        opening--;
        if (finished) {
            ch.close();
            result.completeExceptionally(new ConnectionClosedException("Connection closed"));
            return;
        }
        channels.add(ch);
        idle.add(ch);
        result.complete(ch);
        pump();
    }

    @Override
    public void start(ConnectionHandler newHandler) {
        synchronized (this) {
            if (handler != null) {
                throw new IllegalStateException("Already started");
            }
            handler = newHandler;
        }
        run(() -> {
            while (!beforeStart.isEmpty()) {
                beforeStart.poll().run();
            }
        });
    }

    private void deliver(Runnable event) {
        if (handler == null || !beforeStart.isEmpty()) {
            beforeStart.add(event);
        } else {
            event.run();
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(closedError());
        }
        Exchange ex = new Exchange(frame);
        run(() -> {
            if (finished) {
                ex.done.completeExceptionally(closedError());
            } else if (!cancelled(ex)) {
                waiting.add(ex);
                pump();
            }
        });
        return ex.done;
    }

    /** Hands waiting exchanges to idle channels, opening more channels up to the pool size. */
    private void pump() {
        while (!waiting.isEmpty()) {
            Channel ch = idle.poll();
            if (ch == null) {
                break;
            }
            if (ch.isActive()) {
                post(ch, waiting.poll());
            }
        }
        if (!waiting.isEmpty() && channels.size() + opening < settings.poolSize) {
            openChannel().whenComplete((ch, error) -> {
                if (error != null && channels.isEmpty() && opening == 0) {
                    failWaiting(Links.connectError(s, error));
                }
            });
        }
    }

    private void post(Channel ch, Exchange ex) {
        ex.channel = ch;
        ch.attr(EXCHANGE).set(ex);
        FullHttpRequest req = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(ex.body));
        req.headers().set(HttpHeaderNames.HOST, host);
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, settings.contentType());
        req.headers().set(HttpHeaderNames.ACCEPT, settings.contentType());
        settings.headers.forEach(req.headers()::set);
        HttpUtil.setContentLength(req, ex.body.length);
        ch.writeAndFlush(req).addListener(written -> {
            if (!written.isSuccess()) {
                ch.close(); // reported by channelInactive
            }
        });
    }

    private void answered(Channel ch, FullHttpResponse res) {
        Exchange ex = ch.attr(EXCHANGE).getAndSet(null);
        boolean keepAlive = HttpUtil.isKeepAlive(res);
        if (ex != null) {
            int status = res.status().code();
            if (status == 200) {
                byte[] body = ByteBufUtil.getBytes(res.content());
                if (body.length > 0) {
                    deliver(() -> handler.onFrame(body));
                }
                ex.done.complete(null);
            } else if (status == 202 || status == 204) {
                ex.done.complete(null);
            } else {
                String text = res.content().toString(StandardCharsets.UTF_8);
                ex.done.completeExceptionally(new HttpStatusException(
                        "HTTP " + res.status() + " from " + s.endpoint.scheme() + "://" + host + path
                                + (text.isBlank() ? "" : ": " + abbreviate(text)),
                        null,
                        status));
            }
        }
        if (keepAlive && !finished && ch.isActive()) {
            idle.add(ch);
            pump();
        } else {
            ch.close();
        }
        closeIfDrained();
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    private void channelClosed(Channel ch) {
        channels.remove(ch);
        idle.remove(ch);
        Exchange ex = ch.attr(EXCHANGE).getAndSet(null);
        if (ex != null && !ex.aborted && !finished) {
            // The server dropped the connection under a request: it is going away.
            TransportException cause =
                    new TransportException("The server at " + host + " closed the HTTP connection before answering");
            closeWith(cause);
            ex.done.completeExceptionally(new ConnectionClosedException("Connection to " + host + " closed", cause));
        } else if (!finished) {
            pump();
        }
        closeIfDrained();
    }

    /**
     * Cancelling a call over HTTP: the engine sends its cancel notification; instead, drop the HTTP
     * connection that carries the call, which a Junction server sees as the call's connection
     * closing. Other frames are not looked into.
     */
    private boolean cancelled(Exchange cancel) {
        if (settings.binary() || indexOf(cancel.body, CANCEL) < 0) {
            return false;
        }
        try {
            JsonNode msg = JSON.readTree(cancel.body);
            JsonNode id = msg.path("params").path("id");
            if (!"$/cancelRequest".equals(msg.path("method").asText()) || msg.has("id") || !id.isNumber()) {
                return false;
            }
            for (Channel ch : new ArrayList<>(channels)) {
                Exchange ex = ch.attr(EXCHANGE).get();
                if (ex != null && id.equals(JSON.readTree(ex.body).get("id"))) {
                    ex.aborted = true;
                    ex.done.complete(null);
                    ch.close();
                    cancel.done.complete(null);
                    return true;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void failWaiting(TransportException error) {
        Exchange ex;
        while ((ex = waiting.poll()) != null) {
            ex.done.completeExceptionally(error);
        }
    }

    private ConnectionClosedException closedError() {
        return new ConnectionClosedException("Connection to " + s.endpoint.scheme() + "://" + host + path + " closed");
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            run(this::closeWhenAnswered);
        }
    }

    /**
     * Posts the frames sent before the close (a notification just before it, say) and lets them get
     * their answers, then closes — or after {@link NettyConnection#CLOSE_WRITE_GRACE}, failing what
     * is left.
     */
    private void closeWhenAnswered() {
        // Set here, on the loop, not by close(): the sends made before close() are queued on the
        // loop ahead of this task, so from now on every one of them is in `waiting` or in flight.
        closing = true;
        if (drained()) {
            closeWith(null);
            return;
        }
        pump();
        loop.schedule(
                () -> closeWith(null),
                NettyConnection.CLOSE_WRITE_GRACE.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private int inFlight() {
        int n = 0;
        for (Channel ch : channels) {
            if (ch.attr(EXCHANGE).get() != null) {
                n++;
            }
        }
        return n;
    }

    /** Closing, and the last answer came in: close now. */
    private void closeIfDrained() {
        if (closing && !finished && drained()) {
            closeWith(null);
        }
    }

    private boolean drained() {
        return waiting.isEmpty() && inFlight() == 0;
    }

    /** On the event loop: fails what waits, drops every HTTP connection, reports the close once. */
    private void closeWith(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        open.set(false);
        failWaiting(closedError());
        List<Channel> all = new ArrayList<>(channels);
        channels.clear();
        idle.clear();
        for (Channel ch : all) {
            Exchange ex = ch.attr(EXCHANGE).getAndSet(null);
            if (ex != null) {
                ex.done.completeExceptionally(closedError());
            }
            ch.close();
        }
        deliver(() -> handler.onClose(cause));
        closed.complete(null);
    }

    private void run(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "HttpClientConnection[" + s.endpoint.scheme() + "://" + host + path + (open.get() ? "" : ", closed")
                + "]";
    }

    /** The handler of each pooled channel. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpResponse) {
                    answered(ctx.channel(), (FullHttpResponse) msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channelClosed(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
