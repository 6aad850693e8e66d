package dev.junction.zeromq.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Keeps JeroMQ 0.6.0's I/O poller from forgetting a fresh connection. When a connect completes in
 * the same poller round in which the I/O thread also plugs the new link's engine (it happens when
 * another command reached that thread at the same moment), the poller's deferred registration pass
 * sees the connecter's cancelled selection key for the same channel, skips registering the engine's
 * and clears its "registrations changed" flag: the link then has no key at all, sends no greeting and
 * reads nothing, until some other registration change on that I/O thread makes the poller look again
 * (or the handshake timer drops the link). See the README, "A JeroMQ connect race".
 *
 * <p>This class makes that change happen: while at least one socket is {@link #retain retained}, a
 * daemon thread sends a one-byte message every {@code periodMillis} over a loopback PUSH/PULL pair of
 * the same context; the sending engine re-arms its write interest for it, which marks the poller's
 * registrations changed, and the next round registers the forgotten link. Costs one small loopback
 * message per period while sockets are open, nothing while none is. Thread-safe; the pair belongs to
 * the kick thread alone. If the pair cannot be made (no loopback), it logs once and does nothing.
 */
public final class PollerKick {
    private static final Logger log = LoggerFactory.getLogger(PollerKick.class);
    private static final byte[] KICK = {0};

    private final ZContext context;
    private final long periodMillis;
    private int retained; // guarded by this
    private volatile long delivered; // written by the kick thread only
    private Thread thread; // guarded by this

    /** A kicker of {@code context}'s I/O threads; starts nothing until {@link #retain}. */
    public PollerKick(ZContext context, long periodMillis) {
        this.context = context;
        this.periodMillis = periodMillis;
    }

    /** One more socket that may connect; the first starts the kicking. Any thread. */
    public synchronized void retain() {
        retained++;
        if (thread == null) {
            thread = new Thread(this::run, "junction-zmq-kick");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    /** One socket fewer; with none left the kicking pauses. Any thread. */
    public synchronized void release() {
        if (retained > 0) {
            retained--;
        }
    }

    /** How many sockets are retained now (for tests). */
    public synchronized int retained() {
        return retained;
    }

    /** How many kicks have gone through the loopback pair so far (for tests). */
    public long delivered() {
        return delivered;
    }

    private void run() {
        ZMQ.Socket in = null;
        ZMQ.Socket out = null;
        try {
            in = context.createSocket(SocketType.PULL);
            in.setLinger(0);
            int port = in.bindToRandomPort("tcp://127.0.0.1");
            out = context.createSocket(SocketType.PUSH);
            out.setLinger(0);
            out.setSndHWM(16);
            out.connect("tcp://127.0.0.1:" + port);
            while (true) {
                awaitRetained();
                while (in.recv(ZMQ.DONTWAIT) != null) {
                    delivered++; // drained: the pair never fills up
                }
                out.send(KICK, ZMQ.DONTWAIT);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "JeroMQ poller kick disabled (fresh connections may stall until their handshake timer): {}",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(out);
            close(in);
        }
    }

    /** Sleeps one period, and on while nothing is retained. */
    private void awaitRetained() throws InterruptedException {
        Thread.sleep(periodMillis);
        synchronized (this) {
            while (retained == 0) {
                wait();
            }
        }
    }

    private void close(ZMQ.Socket socket) {
        if (socket != null) {
            context.destroySocket(socket);
        }
    }
}
