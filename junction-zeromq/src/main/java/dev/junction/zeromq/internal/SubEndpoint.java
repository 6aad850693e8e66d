package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.message.Notification;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.zeromq.ZmqAuthenticationException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * One publisher address of a {@link SubListener}, with its own SUB socket: a receive-only {@link
 * dev.junction.transport.Connection} (sending fails: nothing goes back over SUB). Subscribes to the
 * {@code topics} prefixes (every topic when none) and to the heartbeat topic ({@link Topics}). With
 * a heartbeat time-out, any message (a heartbeat or a notification) keeps it alive; silent longer
 * than the time-out, its socket is closed and a new one connects the same address ({@link
 * #socketsCreated} counts them; each is logged). With {@code frames=1} the socket subscribes to
 * everything and the method-name prefixes are checked on the decoded notification. Connecting with
 * PLAIN or CURVE, each socket watches its handshake ({@link ZmqSecurity#watch}): when the publisher
 * refuses the credentials, the socket closes and is never re-created, and the endpoint closes with
 * the {@link ZmqAuthenticationException} as the cause ({@code onClose}, once its handler is
 * started). Loop thread, except the counters and the {@link dev.junction.transport.Connection}
 * methods.
 */
final class SubEndpoint extends ZmqConnection {
    private static final Logger log = LoggerFactory.getLogger(SubEndpoint.class);

    private final ZmqSettings settings;
    private final Messages messages;
    private final String address;
    private final boolean binds;
    private final int timeoutMillis;
    private final SubListener owner;
    private final int frames;
    private final List<String> prefixes;
    private final AtomicInteger socketsCreated = new AtomicInteger();
    private ZMQ.Socket socket; // loop thread only
    private ZmqSecurity.Watch handshake = ZmqSecurity.Watch.NONE; // loop thread only, with socket
    private long lastHeard; // loop thread only
    private ZmqLoop.Timer watchdog; // loop thread only
    private boolean started; // loop thread only
    private ZmqAuthenticationException refused; // loop thread only

    SubEndpoint(
            ZmqLoop loop,
            ZmqSettings settings,
            Messages messages,
            String address,
            boolean binds,
            int timeoutMillis,
            SubListener owner) {
        super(loop, new ZmqAddress("zmq-sub:" + address), new ZmqAddress(address));
        this.settings = settings;
        this.messages = messages;
        this.address = address;
        this.binds = binds;
        this.timeoutMillis = timeoutMillis;
        this.owner = owner;
        this.frames = Topics.frames(settings);
        this.prefixes = Topics.prefixes(settings);
    }

    /** Creates the first socket; returns the endpoint to report. Loop thread. */
    Endpoint open() {
        Endpoint reported = newSocket();
        if (timeoutMillis > 0 && !binds) {
            watchdog = loop.schedule(timeoutMillis, this::checkAlive);
        }
        return reported;
    }

    private Endpoint newSocket() {
        ZMQ.Socket s = ZmqSecurity.context(settings).getContext().socket(SocketType.SUB);
        Endpoint reported = settings.endpoint();
        try {
            settings.configure(s);
            if (frames == 2 && !prefixes.isEmpty()) {
                for (String p : prefixes) {
                    s.subscribe(Topics.utf8(p));
                }
                s.subscribe(Topics.HEARTBEAT);
            } else {
                s.subscribe(new byte[0]);
            }
            if (binds) {
                reported = settings.attach(s);
            } else {
                handshake = ZmqSecurity.watch(loop, s, settings, this::onRefused);
                s.connect(address);
            }
        } catch (RuntimeException e) {
            handshake.close();
            s.close();
            throw e instanceof TransportException
                    ? e
                    : new TransportException(
                            "Cannot connect " + address + " for " + settings.endpoint() + ": " + e.getMessage(), e);
        }
        socket = s;
        socketsCreated.incrementAndGet();
        lastHeard = System.nanoTime();
        loop.register(s, this::onReadable, ZmqSecurity.kick(settings));
        return reported;
    }

    private void onReadable() {
        for (int n = 0; n < ZmqLoop.maxBurst() && socket != null; n++) {
            Msg first = socket.base().recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            Msg last = first;
            byte[] topic = first.data();
            while (last.hasMore()) {
                last = socket.base().recv(0);
            }
            lastHeard = System.nanoTime();
            if (!Arrays.equals(topic, Topics.HEARTBEAT)) {
                onPayload(last.data());
            }
        }
    }

    private void onPayload(byte[] payload) {
        if (payload.length == 0 || Control.isControl(payload)) {
            return;
        }
        if (frames == 1 && !prefixes.isEmpty()) {
            Notification n = messages.notification(payload);
            if (n == null || !Topics.matches(prefixes, n.method())) {
                return;
            }
        }
        deliver(payload);
    }

    private void checkAlive() {
        if (socket == null) {
            return;
        }
        long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000L;
        if (silentMillis >= timeoutMillis) {
            log.warn(
                    "SUB {}: nothing from {} for {} ms (heartbeatTimeout={}): reconnecting it",
                    settings.endpoint(),
                    address,
                    silentMillis,
                    timeoutMillis);
            closeSocket();
            newSocket();
            // no linkDown: the engine would cancel the handlers still running for this publisher's notifications
            watchdog = loop.schedule(timeoutMillis, this::checkAlive);
        } else {
            watchdog = loop.schedule(timeoutMillis - silentMillis, this::checkAlive);
        }
    }

    @Override
    public void start(ConnectionHandler handler) {
        super.start(handler);
        loop.execute(() -> {
            started = true;
            if (refused != null) {
                remoteClosed(refused);
            }
        });
    }

    /**
     * The publisher refused our credentials: drop the socket for good and close with the refusal (at
     * once, or as soon as the handler is started: the listener's loop stops with its last endpoint,
     * and a stopped loop would never tell the handler). Loop thread.
     */
    private void onRefused(ZmqAuthenticationException cause) {
        log.warn("SUB {} ({}): {}", settings.endpoint(), address, cause.getMessage());
        refused = cause;
        if (watchdog != null) {
            watchdog.cancel();
        }
        closeSocket();
        if (started) {
            remoteClosed(cause);
        }
    }

    private void closeSocket() {
        handshake.close();
        handshake = ZmqSecurity.Watch.NONE;
        loop.unregister(socket);
        socket.setLinger(0);
        socket.close();
        socket = null;
    }

    /** How many sockets this endpoint has created (1 + its reconnections). Any thread. */
    int socketsCreated() {
        return socketsCreated.get();
    }

    /** The address this endpoint connects (or binds). */
    String address() {
        return address;
    }

    /** Drops the socket of an endpoint whose listener failed to open. Loop thread. */
    void abandon() {
        if (socket != null) {
            closeSocket();
        }
    }

    @Override
    public boolean canInitiate() {
        return false;
    }

    @Override
    protected void write(byte[] frame, CompletableFuture<Void> result) {
        result.completeExceptionally(new TransportException(
                "zmq-sub (" + address + ") receives only: nothing can be sent back to the publisher"));
    }

    @Override
    protected void release(boolean orderly) {
        if (watchdog != null) {
            watchdog.cancel();
        }
        if (socket != null) {
            closeSocket();
        }
        owner.endpointClosed(this);
    }
}
