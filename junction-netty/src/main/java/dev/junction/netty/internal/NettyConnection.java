package dev.junction.netty.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.TransportException;
import dev.junction.framing.FramingException;
import dev.junction.netty.NettyOptions;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A {@link Connection} over a Netty channel (its "link"); a reconnecting client connection moves
 * to a new link when one drops. Every link of a connection lives on the same event loop, which
 * delivers inbound events in order and runs the write drain.
 *
 * <p>Writes: {@link #send} (any thread) appends to a lock-free queue and schedules at most one
 * drain task at a time; the drain frames every queued payload straight into one pooled buffer per
 * batch, writes it with one promise, and flushes once at the end. While the channel is not writable the
 * drain stops and {@link InboundHandler} resumes it when writability returns.
 */
final class NettyConnection implements Connection {
    /** How long a closing connection waits for its queued frames to be written. */
    static final java.time.Duration CLOSE_WRITE_GRACE = java.time.Duration.ofSeconds(5);

    private static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_FRAMES = 512;
    /** The smallest batch buffer: room for a few small frames before it grows. */
    private static final int MIN_BATCH_BUFFER = 1024;
    /** Room for the framing's header and trailer around the first payload. */
    private static final int FRAMING_SLACK = 32;

    private final Settings settings;
    private final Attributes attributes = new Attributes();
    private final Queue<Outbound.Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Outbound.BufferOutput output = new Outbound.BufferOutput();
    private final Runnable drainTask = this::drain;

    /** Events that arrived before {@link #start}; touched on the event loop only. */
    private final ArrayDeque<Runnable> beforeStart = new ArrayDeque<>();

    private volatile EventLoop loop;
    private volatile Channel channel;
    private volatile ConnectionHandler handler;
    private volatile SocketAddress remote;
    private volatile SocketAddress local;
    private volatile Principal principal;
    private volatile boolean closedByUser;
    private Reconnector reconnector;
    /** WebSocket: turns a payload into one frame message; null for stream framing. */
    private final java.util.function.Function<byte[], Object> messages;
    /** Closes a link; WebSocket sends its close frame first. */
    private volatile java.util.function.Consumer<Channel> linkCloser = Channel::close;

    private long flushes; // on the event loop; read by tests

    NettyConnection(Settings settings) {
        this(settings, null);
    }

    /** A connection whose payloads are written as one message each, made by {@code messages} (WebSocket frames). */
    NettyConnection(Settings settings, java.util.function.Function<byte[], Object> messages) {
        this.settings = settings;
        this.messages = messages;
    }

    void linkCloser(java.util.function.Consumer<Channel> closer) {
        this.linkCloser = closer;
    }

    /** Sets the principal an authenticator found (after {@link #linkUp}). */
    void authenticated(Principal value) {
        if (value != null) {
            principal = value;
        }
    }

    void reconnectWith(Reconnector value) {
        this.reconnector = value;
    }

    Settings settings() {
        return settings;
    }

    EventLoop loop() {
        return loop;
    }

    /** How many times the drain flushed (for tests of write coalescing). */
    long flushes() {
        return flushes;
    }

    boolean isCurrent(Channel ch) {
        return channel == ch;
    }

    /** A new link is up (connected, TLS handshake done); called on its event loop. */
    void linkUp(Channel ch) {
        loop = ch.eventLoop();
        remote = ch.remoteAddress();
        local = ch.localAddress();
        SslHandler ssl = ch.attr(Links.TLS_HANDLER).get();
        if (ssl != null) {
            SSLSession session = ssl.engine().getSession();
            attributes.set(NettyOptions.SSL_SESSION, session);
            principal = peerPrincipal(session);
        }
        if (!open.get()) {
            ch.close();
            return;
        }
        channel = ch;
        if (!ch.isActive()) {
            // It closed before it became this connection's link (a TLS 1.3 server refusing the
            // client's certificate right after the handshake), so its channelInactive was ignored.
            linkClosed(ch, new ConnectionClosedException("Connection to " + describe() + " closed by the peer"));
            return;
        }
        if (handler != null) {
            ch.config().setAutoRead(true);
        }
        scheduleDrain();
    }

    private static Principal peerPrincipal(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate) {
                return ((X509Certificate) chain[0]).getSubjectX500Principal();
            }
        } catch (SSLPeerUnverifiedException e) {
            // the peer presented no certificate
        }
        return null;
    }

    @Override
    public void start(ConnectionHandler newHandler) {
        if (newHandler == null) {
            throw new NullPointerException("handler");
        }
        synchronized (this) {
            if (handler != null) {
                throw new IllegalStateException("Already started");
            }
            handler = newHandler;
        }
        execute(() -> {
            while (!beforeStart.isEmpty()) {
                beforeStart.poll().run();
            }
            Channel ch = channel;
            if (ch != null && open.get()) {
                ch.config().setAutoRead(true);
            }
        });
    }

    // ---- inbound events, on the event loop ----

    private void deliver(Runnable event) {
        if (handler == null || !beforeStart.isEmpty()) {
            beforeStart.add(event);
        } else {
            event.run();
        }
    }

    void frameIn(byte[] frame) {
        ConnectionHandler h = handler;
        if (h != null && beforeStart.isEmpty()) {
            h.onFrame(frame); // the common case, without a task object per frame
        } else {
            deliver(() -> handler.onFrame(frame));
        }
    }

    void frameErrorIn(FramingException error) {
        deliver(() -> handler.onFrameError(error));
    }

    /** The link {@code ch} closed, with {@code cause} (null when orderly). */
    void linkClosed(Channel ch, Throwable cause) {
        if (channel != ch) {
            return;
        }
        channel = null;
        if (open.get() && reconnector != null) {
            TransportException lost = new TransportException("Link to " + describe() + " lost", cause);
            failQueued(lost);
            deliver(() -> handler.onLinkDown(cause));
            reconnector.linkDown();
            return;
        }
        open.set(false);
        finish(closedByUser ? null : cause);
    }

    private void finish(Throwable cause) {
        if (closed.isDone()) {
            return;
        }
        failQueued(new ConnectionClosedException("Connection to " + describe() + " closed", cause));
        deliver(() -> handler.onClose(cause));
        closed.complete(null);
    }

    // ---- outbound ----

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(closedError(null));
        }
        if (channel == null && reconnector != null && !settings.waitForLink) {
            return CompletableFuture.failedFuture(
                    new TransportException("Link to " + describe() + " is down (waitForLink=false)"));
        }
        Outbound.Frame f = new Outbound.Frame(frame);
        queue.add(f);
        if (!open.get()) {
            failQueued(closedError(null));
        } else if (channel == null && reconnector != null && !settings.waitForLink) {
            failQueued(new TransportException("Link to " + describe() + " is down (waitForLink=false)"));
        } else {
            scheduleDrain();
        }
        return f.written;
    }

    void scheduleDrain() {
        Channel ch = channel;
        if (ch != null && !queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            try {
                ch.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                failQueued(new TransportException("Netty event loop shut down", e));
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        boolean wrote = messages != null ? writeMessages(ch) : writeFramedBatches(ch);
        if (wrote) {
            flushes++;
            ch.flush();
        }
    }

    /**
     * Message transports (WebSocket): one message object per frame, never raw bytes, even for a frame
     * queued by another thread while this drain runs (it goes out here or in the next drain).
     */
    private boolean writeMessages(Channel ch) {
        boolean wrote = false;
        Outbound.Frame f;
        while (ch.isWritable() && (f = queue.poll()) != null) {
            CompletableFuture<Void> written = f.written;
            wrote = true;
            ch.write(messages.apply(f.payload)).addListener(done -> {
                if (done.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(writeError(ch, done.cause()));
                }
            });
        }
        return wrote;
    }

    /**
     * Stream transports: frames encoded by the framing straight into one pooled buffer per batch
     * (up to {@link #BATCH_BYTES} or {@link #BATCH_FRAMES}), one write per batch.
     */
    private boolean writeFramedBatches(Channel ch) {
        boolean wrote = false;
        while (ch.isWritable() && !queue.isEmpty()) {
            ByteBuf batch = null;
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            int bytes = 0;
            Outbound.Frame f;
            while (bytes < BATCH_BYTES && waiting.size() < BATCH_FRAMES && (f = queue.poll()) != null) {
                if (batch == null) {
                    batch = ch.alloc().ioBuffer(Math.max(MIN_BATCH_BUFFER, f.payload.length + FRAMING_SLACK));
                }
                output.begin(batch);
                try {
                    settings.framing.encode(f.payload, output);
                } catch (RuntimeException e) {
                    output.rollback();
                    f.written.completeExceptionally(e);
                    continue;
                }
                bytes += output.written();
                waiting.add(f.written);
            }
            if (waiting.isEmpty()) {
                if (batch != null) {
                    batch.release();
                }
                continue;
            }
            wrote = true;
            ch.write(batch).addListener(done -> {
                if (done.isSuccess()) {
                    waiting.forEach(w -> w.complete(null));
                } else {
                    TransportException error = writeError(ch, done.cause());
                    waiting.forEach(w -> w.completeExceptionally(error));
                }
            });
        }
        return wrote;
    }

    private TransportException writeError(Channel ch, Throwable cause) {
        if (!open.get() || !ch.isActive() || cause instanceof ClosedChannelException) {
            return closedError(cause);
        }
        return new TransportException("Write to " + describe() + " failed: " + cause, cause);
    }

    private ConnectionClosedException closedError(Throwable cause) {
        return new ConnectionClosedException("Connection to " + describe() + " closed", cause);
    }

    private void failQueued(TransportException error) {
        Outbound.Frame f;
        while ((f = queue.poll()) != null) {
            f.written.completeExceptionally(error);
        }
    }

    // ---- closing ----

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        closedByUser = true;
        if (reconnector != null) {
            reconnector.stop();
        }
        Channel ch = channel;
        if (ch != null) {
            closeAfterQueuedWrites(ch);
        }
        execute(() -> {
            if (channel == null && !closed.isDone()) {
                finish(null);
            }
        });
    }

    /**
     * Writes what was queued before the close (a notification sent just before, say), then closes
     * once those writes are done — or after {@link #CLOSE_WRITE_GRACE} if the peer does not read.
     */
    private void closeAfterQueuedWrites(Channel ch) {
        try {
            ch.eventLoop().execute(() -> {
                drain(); // writes to the socket at once whatever it takes
                failQueued(closedError(null));
                var unwritten = ch.unsafe().outboundBuffer();
                if (unwritten == null || unwritten.totalPendingWriteBytes() == 0) {
                    linkCloser.accept(ch);
                    return;
                }
                ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> linkCloser.accept(ch));
                ch.eventLoop().schedule(() -> ch.close(), CLOSE_WRITE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (RejectedExecutionException e) {
            ch.close();
        }
    }

    private void execute(Runnable task) {
        EventLoop l = loop;
        if (l == null) {
            task.run();
            return;
        }
        try {
            l.execute(task);
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
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    String describe() {
        return settings.endpoint.scheme() + "://" + (remote != null ? remote : settings.endpoint.host());
    }

    @Override
    public String toString() {
        return "NettyConnection[" + describe() + (open.get() ? "" : ", closed") + "]";
    }
}
