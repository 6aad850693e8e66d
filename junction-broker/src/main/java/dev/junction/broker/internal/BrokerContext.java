package dev.junction.broker.internal;

import dev.junction.zeromq.internal.PollerKick;
import dev.junction.zeromq.internal.ZmqLoop;
import org.zeromq.ZContext;

/**
 * The one ZeroMQ context of the broker module's sockets (brokers and {@code zmq-worker}
 * listeners), created on first use and never terminated: each socket is closed on its own, with its
 * linger, and the context's I/O thread is a daemon. It is not the context of junction-zeromq's
 * sockets, so {@code inproc://} does not reach from one to the other; the broker speaks tcp and ipc.
 */
public final class BrokerContext {
    private static volatile ZContext context;

    /** The context's kicker, made on first use (see junction-zeromq's {@code PollerKick}). */
    private static final class Kick {
        static final PollerKick KICK = new PollerKick(get(), 100);
    }

    private BrokerContext() {}

    /**
     * The context's {@link PollerKick}: a socket of this context polled by a {@link ZmqLoop} keeps it
     * running while registered (a connecting socket would otherwise now and then stall in JeroMQ's
     * connect race, see junction-zeromq's README).
     */
    public static PollerKick kick() {
        return Kick.KICK;
    }

    /** The shared context. */
    public static ZContext get() {
        ZContext found = context;
        if (found == null) {
            synchronized (BrokerContext.class) {
                found = context;
                if (found == null) {
                    found = new ZContext(1);
                    found.setThreadFactor((runnable, name) -> {
                        Thread t = new Thread(runnable, "junction-broker-io-" + name);
                        t.setDaemon(true);
                        return t;
                    });
                    context = found;
                }
            }
        }
        return found;
    }
}
