package dev.junction.broker.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.zeromq.internal.ZmqLoop;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of the broker, as a worker's server sees it: frames the broker hands over for that
 * client arrive here (on the worker's loop thread, buffered until {@link #start}); frames the server
 * sends go to the broker addressed to that client. Thread-safe as {@link Connection} requires.
 */
final class WorkerConnection implements Connection {
    /** The address of a client seen through a broker: {@code zmq-worker://broker#client-identity}. */
    static final class ClientAddress extends SocketAddress {
        private static final long serialVersionUID = 1L;
        private final String text;

        ClientAddress(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final ZmqLoop loop;
    private final WorkerListener listener;
    private final byte[] client;
    private final ByteBuffer key;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<byte[]> beforeStart = new ArrayDeque<>();
    private ConnectionHandler handler; // loop thread only
    private boolean finished; // loop thread only

    WorkerConnection(ZmqLoop loop, WorkerListener listener, byte[] client, Endpoint broker) {
        this.loop = loop;
        this.listener = listener;
        this.client = client;
        this.key = ByteBuffer.wrap(client);
        this.local = new ClientAddress(broker.toString());
        this.remote = new ClientAddress(broker + "#" + Wire.hex(client));
    }

    ByteBuffer key() {
        return key;
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

    /** One frame from the client. Loop thread. */
    void deliver(byte[] payload) {
        if (finished) {
            return;
        }
        if (handler == null) {
            beforeStart.add(payload);
        } else {
            handler.onFrame(payload);
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("Connection to " + remote + " closed"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (finished) {
                result.completeExceptionally(new ConnectionClosedException("Connection to " + remote + " closed"));
            } else {
                listener.sendOut(client, frame);
                result.complete(null);
            }
        });
        return result;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            loop.execute(this::finish);
        }
    }

    /** The client left, or the broker was lost. Loop thread. */
    void remoteClosed() {
        open.set(false);
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            listener.forget(this);
            if (handler != null) {
                handler.onClose(null);
            }
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
        return "WorkerConnection[" + remote + "]";
    }
}
