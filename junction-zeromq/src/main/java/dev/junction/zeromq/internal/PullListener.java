package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A PULL server ({@code zmq-pull}): one PULL socket receiving the notifications of any number of
 * pushers (fan-in; ZeroMQ queues fairly between them). PULL cannot tell its senders apart, so the
 * listener makes exactly one {@link Connection} for all of them, at once; it cannot send (nothing
 * goes back over PULL: an answer to a call someone pushed is dropped, logged at debug by the
 * engine). Binds by default; with {@code bind=false} it connects to pushers that bind. The
 * payload is the last frame of each message. The socket is owned by its own loop thread; closing
 * the listener closes the connection and the socket.
 */
final class PullListener implements Listener {
    private final ZmqSettings settings;
    private final ZmqLoop loop;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Endpoint bound;
    private Inbound connection; // made on the loop thread with the socket; read after the constructor
    private ZMQ.Socket socket; // loop thread only

    PullListener(ZmqSettings settings, Consumer<Connection> onAccept) {
        this.settings = settings;
        this.loop = new ZmqLoop("pull");
        this.bound = loop.openOrStop(this::open);
        onAccept.accept(connection);
    }

    private Endpoint open() {
        socket = ZmqSecurity.context(settings).getContext().socket(SocketType.PULL);
        try {
            settings.configure(socket);
            Endpoint result = settings.attach(socket);
            connection = new Inbound(loop, result); // before the first frame can be read
            loop.register(socket, this::onReadable, ZmqSecurity.kick(settings));
            return result;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void onReadable() {
        for (int n = 0; n < ZmqLoop.maxBurst() && socket != null; n++) {
            Msg last = socket.base().recv(ZMQ.DONTWAIT);
            if (last == null) {
                return;
            }
            while (last.hasMore()) {
                last = socket.base().recv(0);
            }
            byte[] payload = last.data();
            if (payload.length > 0 && !Control.isControl(payload)) {
                connection.inbound(payload);
            }
        }
    }

    @Override
    public Endpoint endpoint() {
        return bound;
    }

    @Override
    public void close() {
        if (closed.complete(null)) {
            connection.close();
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** Every pusher's notifications, as one receive-only connection. */
    private final class Inbound extends ZmqConnection {
        Inbound(ZmqLoop owner, Endpoint endpoint) {
            super(owner, new ZmqAddress(endpoint.toString()), new ZmqAddress(endpoint + "#pushers"));
        }

        void inbound(byte[] payload) {
            deliver(payload);
        }

        @Override
        public boolean canInitiate() {
            return false;
        }

        @Override
        protected void write(byte[] frame, CompletableFuture<Void> result) {
            result.completeExceptionally(new TransportException(
                    "zmq-pull (" + localAddress() + ") receives only: nothing can be sent back to the pushers"));
        }

        @Override
        protected void release(boolean orderly) {
            closed.complete(null);
            loop.unregister(socket);
            socket.close();
            socket = null;
            ZmqSecurity.release(settings);
            loop.stop();
        }
    }
}
