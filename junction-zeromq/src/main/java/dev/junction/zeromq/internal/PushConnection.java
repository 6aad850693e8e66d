package dev.junction.zeromq.internal;

import dev.junction.ConnectionClosedException;
import java.util.concurrent.CompletableFuture;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A PUSH client ({@code zmq-push}): sends notifications, receives nothing. A call fails at once
 * (see {@link OneWay}). Frames ZeroMQ cannot take yet (no PULL peer, its HWM reached) wait in an
 * {@link Outbox} with the {@code queueLimit} / {@code overflow} policy. Connects by default; with
 * {@code bind=true} the pullers connect to it. The socket is owned by its own loop thread.
 */
final class PushConnection extends ZmqConnection {
    private final ZmqSettings settings;
    private final Outbox outbox;
    private final OneWay oneWay;
    private ZMQ.Socket socket; // loop thread only

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
            settings.attach(socket);
            loop.register(socket, () -> {});
            outbox.socket(socket);
            return null;
        } catch (RuntimeException e) {
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
    protected void admit() {
        outbox.admit();
    }

    @Override
    protected void write(byte[] frame, CompletableFuture<Void> result) {
        outbox.send(result, frame);
    }

    /** Messages the overflow policy dropped so far. */
    long dropped() {
        return outbox.dropped();
    }

    @Override
    protected void release(boolean orderly) {
        outbox.failAll(new ConnectionClosedException("Connection to " + remoteAddress() + " closed"));
        loop.unregister(socket);
        socket.close();
        socket = null;
        loop.stop();
    }
}
