package dev.junction.zeromq.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every ZeroMQ connection shares: the loop that owns its socket, the handler, which sees
 * frames only on that loop (buffered until {@link #start}), and closing once. Subclasses do their
 * socket work in {@link #write} and {@link #release}, both on the loop thread.
 */
abstract class ZmqConnection implements Connection {
    protected final ZmqLoop loop;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<byte[]> beforeStart = new ArrayDeque<>();
    private volatile Principal principal;
    private volatile dev.junction.zeromq.ZmqAuthenticationException refused;
    private ConnectionHandler handler; // loop thread only
    private boolean finished; // loop thread only

    ZmqConnection(ZmqLoop loop, SocketAddress local, SocketAddress remote) {
        this.loop = loop;
        this.local = local;
        this.remote = remote;
    }

    @Override
    public void start(ConnectionHandler newHandler) {
        loop.execute(() -> {
            if (handler != null) {
                throw new IllegalStateException("Already started");
            }
            handler = newHandler;
            while (!beforeStart.isEmpty()) {
                newHandler.onFrame(beforeStart.poll());
            }
            if (finished) {
                newHandler.onClose(null);
            }
        });
    }

    /** Hands one inbound payload to the handler. Loop thread. */
    protected final void deliver(byte[] payload) {
        if (finished) {
            return;
        }
        if (handler == null) {
            beforeStart.add(payload);
        } else {
            handler.onFrame(payload);
        }
    }

    /** The link dropped but the connection goes on (reconnecting). Loop thread. */
    protected final void linkDown(Throwable cause) {
        if (handler != null && !finished) {
            handler.onLinkDown(cause);
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("Connection to " + remote + " closed"));
        }
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        try {
            admit();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (finished) {
                result.completeExceptionally(new ConnectionClosedException("Connection to " + remote + " closed"));
            } else if (refused != null) {
                result.completeExceptionally(refused);
            } else {
                write(frame, result);
            }
        });
        return result;
    }

    /**
     * The server refused this client's credentials: calls in flight fail now (as a lost link caused
     * by {@code cause}) and every later send fails with {@code cause}; the connection stays open
     * until its owner closes it, so the reason is never lost. The subclass drops its socket. Loop
     * thread.
     */
    protected final void refused(dev.junction.zeromq.ZmqAuthenticationException cause) {
        refused = cause;
        linkDown(cause);
    }

    /** Waits, on the sending thread, for room to queue a frame (the {@code block} overflow policy). */
    protected void admit() {}

    /** Sends one frame and completes {@code result}. Loop thread. */
    protected abstract void write(byte[] frame, CompletableFuture<Void> result);

    /** Releases the socket or the slot in a shared socket; {@code orderly} when this side closed. Loop thread. */
    protected abstract void release(boolean orderly);

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            loop.execute(() -> finish(null, true));
        }
    }

    /** The remote end closed or the socket broke. Loop thread. */
    protected final void remoteClosed(Throwable cause) {
        open.set(false);
        finish(cause, false);
    }

    private void finish(Throwable cause, boolean orderly) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            release(orderly);
        } finally {
            try {
                if (handler != null) {
                    handler.onClose(cause);
                }
            } finally {
                closed.complete(null);
            }
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

    /** Records the ZAP user id of the peer. */
    protected final void principal(String userId) {
        if (userId != null && !userId.isEmpty() && principal == null) {
            principal = new ZmqPrincipal(userId);
        }
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + local + " -> " + remote + "]";
    }
}
