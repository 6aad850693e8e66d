package dev.junction.internal.mem;

import dev.junction.ConnectionClosedException;
import dev.junction.internal.DefaultExecutors;
import dev.junction.internal.SerialExecutor;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.MemAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-memory connection. Inbound frames queue until {@link #start} and are then
 * delivered one at a time on a shared daemon pool, in order. Thread-safe.
 */
final class MemConnection implements Connection {
    private static final ExecutorService DELIVERY =
            Executors.newCachedThreadPool(DefaultExecutors.daemonThreads("junction-mem-"));

    // Handed to every caller of send: the engine only looks at it (a frame is delivered, or dropped
    // with the connection, never failed after send returns).
    private static final CompletableFuture<Void> SENT = CompletableFuture.completedFuture(null);

    private final MemAddress local;
    private final MemAddress remote;
    private final Attributes attributes = new Attributes();
    private final SerialExecutor delivery = new SerialExecutor(DELIVERY);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<Runnable> beforeStart = new ArrayDeque<>();
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
            while (!beforeStart.isEmpty()) {
                delivery.execute(beforeStart.poll());
            }
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("Connection to " + remote + " closed"));
        }
        other.deliver(() -> other.handler.onFrame(frame));
        return SENT;
    }

    private void deliver(Runnable event) {
        synchronized (this) {
            if (handler == null) {
                beforeStart.add(event);
                return;
            }
        }
        delivery.execute(event);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            deliver(this::closed);
            other.remoteClosed();
        }
    }

    private void remoteClosed() {
        if (open.compareAndSet(true, false)) {
            deliver(this::closed);
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
