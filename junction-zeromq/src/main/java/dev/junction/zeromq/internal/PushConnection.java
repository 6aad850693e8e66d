package dev.junction.zeromq.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.transport.ConnectionHandler;
import dev.junction.zeromq.ZmqAuthenticationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A PUSH client ({@code zmq-push}): sends notifications, receives nothing. A call fails at once
 * (see {@link OneWay}). Frames ZeroMQ cannot take yet (no PULL peer, its HWM reached) wait in an
 * {@link Outbox} with the {@code queueLimit} / {@code overflow} policy. Connects by default; with
 * {@code bind=true} the pullers connect to it. The socket is owned by its own loop thread.
 *
 * <p>Connecting with PLAIN or CURVE, it watches its handshake ({@link ZmqSecurity#watch}): when the
 * server refuses its credentials, its socket closes (no more reconnecting), what is queued fails
 * with the {@link ZmqAuthenticationException}, the connection closes with it as the cause ({@code
 * onClose}, once the handler is started), and every later send fails with it.
 */
final class PushConnection extends ZmqConnection {
    private static final Logger log = LoggerFactory.getLogger(PushConnection.class);
    private final ZmqSettings settings;
    private final Outbox outbox;
    private final OneWay oneWay;
    private ZMQ.Socket socket; // loop thread only
    private ZmqSecurity.Watch handshake = ZmqSecurity.Watch.NONE; // loop thread only
    private boolean started; // loop thread only

    private PushConnection(ZmqSettings settings, ZmqLoop loop) {
        super(
                loop,
                new ZmqAddress("zmq-push:local"),
                new ZmqAddress(settings.endpoint().toString()));
        this.settings = settings;
        this.outbox = new Outbox(loop, settings, "PUSH " + settings.endpoint());
        this.oneWay = new OneWay(new Messages(settings.transportOptions()), "zmq-push");
    }

    static PushConnection open(ZmqSettings settings) {
        ZmqLoop loop = new ZmqLoop("push");
        PushConnection c = new PushConnection(settings, loop);
        loop.openOrStop(c::openSocket);
        return c;
    }

    private Void openSocket() {
        socket = ZmqSecurity.context(settings).getContext().socket(SocketType.PUSH);
        try {
            settings.configure(socket);
            handshake = ZmqSecurity.watch(loop, socket, settings, this::onRefused);
            settings.attach(socket);
            loop.register(socket, () -> {}, ZmqSecurity.kick(settings));
            outbox.socket(socket);
            return null;
        } catch (RuntimeException e) {
            handshake.close();
            socket.close();
            throw e;
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        var refusal = oneWay.refusal(frame, settings.endpoint());
        return refusal != null ? CompletableFuture.failedFuture(refusal) : super.send(frame);
    }

    @Override
    public void start(ConnectionHandler handler) {
        super.start(handler);
        loop.execute(() -> {
            started = true;
            if (oneWay.refused() != null) {
                remoteClosed(oneWay.refused());
            }
        });
    }

    @Override
    protected void admit() {
        outbox.admit();
    }

    @Override
    protected void write(byte[] frame, CompletableFuture<Void> result) {
        if (oneWay.refused() != null) {
            result.completeExceptionally(oneWay.refused());
        } else {
            outbox.send(result, frame);
        }
    }

    /**
     * The server refused our credentials: stop reconnecting, fail what waits, and close with the
     * refusal (at once, or as soon as the handler is started: a closed loop runs no more tasks, so
     * closing earlier would leave the handler never told). Loop thread.
     */
    private void onRefused(ZmqAuthenticationException cause) {
        log.warn("PUSH {}: {}", settings.endpoint(), cause.getMessage());
        oneWay.refused(cause);
        outbox.failAll(cause);
        outbox.socket(null);
        dropSocket();
        if (started) {
            remoteClosed(cause);
        }
    }

    /** Messages the overflow policy dropped so far. */
    long dropped() {
        return outbox.dropped();
    }

    @Override
    protected void release(boolean orderly) {
        outbox.failAll(new ConnectionClosedException("Connection to " + remoteAddress() + " closed"));
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
