package dev.junction.zeromq.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.message.Notification;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A publisher ({@code zmq-pub}): every notification is published, fire-and-forget, framed as
 * {@link Topics} says (topic = method name); a call fails at once (see {@link OneWay}). Binds by
 * default; with {@code bind=false} it connects to subscribers that bind.
 *
 * <p>It is an XPUB socket, so it sees its subscribers' subscriptions: while none is there (no
 * subscriber yet, or the link down), messages wait in an {@link Outbox} up to {@code queueLimit},
 * past which the {@code overflow} policy applies (counted and logged), and they are all sent, in
 * order, when a subscription arrives again. With {@code heartbeatInterval} (ms) it publishes a
 * heartbeat at that interval while a subscriber is there. The socket is owned by its own loop
 * thread.
 */
final class PubConnection extends ZmqConnection {
    private static final Logger log = LoggerFactory.getLogger(PubConnection.class);

    private final ZmqSettings settings;
    private final Outbox outbox;
    private final OneWay oneWay;
    private final Messages messages;
    private final int frames;
    private final int heartbeatInterval;
    private final Set<ByteBuffer> subscriptions = new HashSet<>(); // loop thread only
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private volatile boolean subscribed;
    private ZMQ.Socket socket; // loop thread only
    private ZmqLoop.Timer heartbeat; // loop thread only

    private PubConnection(ZmqSettings settings, ZmqLoop loop) {
        super(loop, new ZmqAddress(settings.endpoint().toString()), new ZmqAddress("zmq-pub:subscribers"));
        this.settings = settings;
        this.outbox = new Outbox(loop, settings, "PUB " + settings.endpoint());
        this.messages = new Messages(settings.transportOptions());
        this.oneWay = new OneWay(messages, "zmq-pub");
        this.frames = Topics.frames(settings);
        this.heartbeatInterval = settings.integer("heartbeatInterval", 0);
    }

    static PubConnection open(ZmqSettings settings) {
        ZmqLoop loop = new ZmqLoop("pub");
        PubConnection c = new PubConnection(settings, loop);
        loop.openOrStop(c::openSocket);
        return c;
    }

    private Void openSocket() {
        socket = ZmqSecurity.context(settings).getContext().socket(SocketType.XPUB);
        try {
            settings.configure(socket);
            settings.attach(socket);
            loop.register(socket, this::onSubscriptions, ZmqSecurity.kick(settings));
            if (heartbeatInterval > 0) {
                heartbeat = loop.schedule(heartbeatInterval, this::beat);
            }
            return null;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** XPUB hands up {@code [1, topic]} for a new subscription and {@code [0, topic]} for a lost one. */
    private void onSubscriptions() {
        for (int n = 0; n < ZmqLoop.maxBurst() && socket != null; n++) {
            Msg msg = socket.base().recv(ZMQ.DONTWAIT);
            if (msg == null) {
                return;
            }
            byte[] data = msg.data();
            if (data.length == 0 || data[0] > 1) {
                continue;
            }
            ByteBuffer topic = ByteBuffer.wrap(java.util.Arrays.copyOfRange(data, 1, data.length));
            boolean wasUp = !subscriptions.isEmpty();
            if (data[0] == 1) {
                subscriptions.add(topic);
            } else {
                subscriptions.remove(topic);
            }
            boolean up = !subscriptions.isEmpty();
            if (up != wasUp) {
                linkChanged(up);
            }
        }
    }

    private void linkChanged(boolean up) {
        subscribed = up;
        if (up) {
            log.debug(
                    "PUB {}: a subscriber is there; sending {} queued message(s)", settings.endpoint(), outbox.size());
            outbox.socket(socket);
        } else {
            log.debug("PUB {}: no subscriber left; queueing up to the queueLimit", settings.endpoint());
            loop.onWritable(socket, null);
            outbox.socket(null);
        }
    }

    private void beat() {
        if (socket == null) {
            return;
        }
        if (!subscriptions.isEmpty() && socket.send(Topics.HEARTBEAT, ZMQ.DONTWAIT)) {
            heartbeatsSent.incrementAndGet();
        }
        heartbeat = loop.schedule(heartbeatInterval, this::beat);
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
        if (frames == 1) {
            outbox.send(result, frame);
        } else {
            Notification n = messages.notification(frame);
            outbox.send(result, Topics.utf8(n == null ? "" : n.method()), frame);
        }
    }

    /** Messages the overflow policy dropped so far. */
    long dropped() {
        return outbox.dropped();
    }

    /** True while at least one subscription is known (a subscriber is connected). Any thread. */
    boolean subscribed() {
        return subscribed;
    }

    /** Heartbeats published so far. */
    long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    @Override
    protected void release(boolean orderly) {
        if (heartbeat != null) {
            heartbeat.cancel();
        }
        outbox.failAll(new ConnectionClosedException("Connection to " + remoteAddress() + " closed"));
        loop.unregister(socket);
        socket.close();
        socket = null;
        ZmqSecurity.release(settings);
        loop.stop();
    }
}
