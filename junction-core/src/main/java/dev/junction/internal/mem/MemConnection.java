package dev.junction.internal.mem;

import dev.junction.ConnectionClosedException;
import dev.junction.internal.DefaultExecutors;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.MemAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of an in-memory connection. Inbound frames queue until {@link #start} and are then
 * delivered one at a time on a shared daemon pool, in order. Thread-safe.
 *
 * <p>Delivery allocates nothing per frame: frames wait in this end's own queue, drained by one task
 * made once per connection. A drain that empties the queue lingers, parked, for {@link
 * #LINGER_NANOS} before it gives its thread back, so that a conversation (a call, then its answer)
 * is handed from thread to thread by an unpark rather than by a new hand-off through the pool.
 */
final class MemConnection implements Connection {
    private static final Logger log = LoggerFactory.getLogger(MemConnection.class);
    private static final ExecutorService DELIVERY =
            Executors.newCachedThreadPool(DefaultExecutors.daemonThreads("junction-mem-"));

    /** How long an idle drain waits for more frames before it ends. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The event that tells this end's handler the connection closed, queued behind the frames. */
    private static final Object CLOSE = new Object();

    // Handed to every caller of send: the engine only looks at it (a frame is delivered, or dropped
    // with the connection, never failed after send returns).
    private static final CompletableFuture<Void> SENT = CompletableFuture.completedFuture(null);

    private final MemAddress local;
    private final MemAddress remote;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Runnable drain = this::drain;
    // Guarded by this: the events not yet delivered (frames, CLOSE), whether a drain is scheduled or
    // running, and the thread of a drain parked waiting for more (to unpark it).
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private boolean draining;
    private Thread lingering;
    private MemConnection other;
    private ConnectionHandler handler;

    MemConnection(MemAddress local, MemAddress remote) {
        this.local = local;
        this.remote = remote;
    }

    void link(MemConnection other) {
        this.other = other;
    }

    @Override
    public void start(ConnectionHandler newHandler) {
        synchronized (this) {
            if (handler != null) {
                throw new IllegalStateException("Already started");
            }
            handler = newHandler;
            if (inbound.isEmpty()) {
                return;
            }
            draining = true;
        }
        DELIVERY.execute(drain);
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("Connection to " + remote + " closed"));
        }
        other.deliver(frame);
        return SENT;
    }

    /** Queues {@code event} for this end's handler and makes sure a drain will deliver it. */
    private void deliver(Object event) {
        Thread wake;
        synchronized (this) {
            inbound.add(event);
            if (handler == null) {
                return; // start() delivers it
            }
            if (!draining) {
                draining = true;
                wake = null;
            } else {
                wake = lingering;
                lingering = null;
                if (wake == null) {
                    return; // the running drain will find it
                }
            }
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        } else {
            DELIVERY.execute(drain);
        }
    }

    /**
     * Delivers events until none came for {@link #LINGER_NANOS}, or the connection closed. When the
     * queue runs dry the drain first yields once (the sender of the next frame may be waiting for
     * this core), then parks.
     */
    private void drain() {
        long idleSince = 0;
        boolean idle = false;
        boolean yielded = false;
        while (true) {
            Object event;
            synchronized (this) {
                event = inbound.poll();
                if (event == null) {
                    long now = System.nanoTime();
                    if (!idle) {
                        idle = true;
                        yielded = false;
                        idleSince = now;
                    } else if (now - idleSince >= LINGER_NANOS || !open.get()) {
                        lingering = null;
                        draining = false;
                        return;
                    }
                    if (yielded) {
                        lingering = Thread.currentThread();
                    }
                }
            }
            if (event != null) {
                idle = false;
                handle(event);
            } else if (!yielded) {
                yielded = true;
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, LINGER_NANOS - (System.nanoTime() - idleSince));
            }
        }
    }

    private void handle(Object event) {
        try {
            if (event == CLOSE) {
                closed();
            } else {
                handler.onFrame((byte[]) event);
            }
        } catch (RuntimeException | Error e) {
            log.warn("Delivery of an in-memory event failed", e);
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            deliver(CLOSE);
            other.remoteClosed();
        }
    }

    private void remoteClosed() {
        if (open.compareAndSet(true, false)) {
            deliver(CLOSE);
        }
    }

    private void closed() {
        try {
            handler.onClose(null);
        } finally {
            closed.complete(null);
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
        return "MemConnection[" + local + " -> " + remote + "]";
    }
}
