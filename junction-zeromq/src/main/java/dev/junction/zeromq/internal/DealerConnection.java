package dev.junction.zeromq.internal;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A DEALER client: one connection, fully asynchronous (many calls in flight, notifications both
 * ways). It takes a fixed random routing identity (or the {@code identity} option), so a ROUTER
 * server knows it again after ZeroMQ reconnects, and announces itself with {@link Control#HELLO}
 * (off with {@code hello=false}, for servers that are not Junction). The payload is the last frame
 * of each message; frames before it (a REQ-style delimiter) are ignored.
 */
final class DealerConnection extends ZmqConnection {
    private final ZmqSettings settings;
    private final Outbox outbox;
    private ZMQ.Socket socket; // loop thread only
    private ZmqSecurity.Watch handshake = ZmqSecurity.Watch.NONE; // loop thread only

    private DealerConnection(ZmqSettings settings, ZmqLoop loop) {
        super(
                loop,
                new ZmqAddress("zmq-dealer:local"),
                new ZmqAddress(settings.endpoint().toString()));
        this.settings = settings;
        this.outbox = new Outbox(loop, settings, "DEALER " + settings.endpoint());
    }

    static DealerConnection open(ZmqSettings settings) {
        ZmqLoop loop = new ZmqLoop("dealer");
        DealerConnection c = new DealerConnection(settings, loop);
        loop.openOrStop(c::openSocket);
        return c;
    }

    private Void openSocket() {
        socket = ZmqContext.get().getContext().socket(SocketType.DEALER);
        try {
            settings.configure(socket);
            handshake = ZmqSecurity.watch(loop, socket, settings, this::onRefused);
            String identity = settings.string("identity");
            socket.setIdentity(
                    identity != null
                            ? identity.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : ("junction-" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            settings.attach(socket);
            loop.register(socket, this::onReadable);
            outbox.socket(socket);
            if (settings.bool("hello", true)) {
                outbox.send(new CompletableFuture<>(), Control.HELLO);
            }
            return null;
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
            if (last.getMetadata() != null) {
                principal(last.getMetadata().get(zmq.io.Metadata.USER_ID));
            }
            if (Control.is(payload, Control.BYE)) {
                remoteClosed(null);
                return;
            }
            if (payload.length > 0 && !Control.isControl(payload)) {
                deliver(payload);
            }
        }
    }

    @Override
    protected void admit() {
        outbox.admit();
    }

    @Override
    protected void write(byte[] frame, CompletableFuture<Void> result) {
        outbox.send(result, frame);
    }

    /** The server refused our credentials: no more reconnecting with them. Loop thread. */
    private void onRefused(dev.junction.zeromq.ZmqAuthenticationException cause) {
        refused(cause);
        outbox.failAll(cause);
        dropSocket();
    }

    /**
     * Closing in order sends BYE straight to the socket, ahead of the frames still waiting in the
     * {@link Outbox} (those fail with {@code ConnectionClosedException}: the server would close on
     * the BYE before answering them anyway); frames ZeroMQ already took go out before it, in order.
     * If ZeroMQ cannot take the BYE (no peer, HWM reached) it is not sent, and a ROUTER forgets this
     * identity only by its {@code idleTimeout} option. Loop thread.
     */
    @Override
    protected void release(boolean orderly) {
        if (orderly && socket != null && settings.bool("hello", true)) {
            socket.send(Control.BYE, ZMQ.DONTWAIT);
        }
        outbox.failAll(new dev.junction.ConnectionClosedException("Connection to " + remoteAddress() + " closed"));
        dropSocket();
        loop.stop();
    }

    private void dropSocket() {
        if (socket != null) {
            handshake.close();
            loop.unregister(socket);
            socket.close();
            socket = null;
        }
    }
}
