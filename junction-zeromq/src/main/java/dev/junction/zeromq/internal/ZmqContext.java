package dev.junction.zeromq.internal;

import org.zeromq.ZContext;

/**
 * The one ZeroMQ context of this JVM's Junction sockets. Shared so that {@code inproc://} endpoints
 * reach each other, and never terminated: each socket is closed on its own, with its linger, and the
 * context's I/O threads are daemons. Its {@link PollerKick} runs while a {@link ZmqLoop} polls a
 * socket, so no fresh connection of these sockets is left stalled by JeroMQ's connect race.
 */
public final class ZmqContext {
    /** How often the I/O thread is kicked while sockets are open: the longest a stalled link waits. */
    static final long KICK_PERIOD_MILLIS = 100;

    private static volatile ZContext context;
    private static volatile PollerKick kick;

    private ZmqContext() {}

    /** The shared context, created on first use. */
    public static ZContext get() {
        ZContext found = context;
        if (found == null) {
            synchronized (ZmqContext.class) {
                found = context;
                if (found == null) {
                    found = new ZContext(1);
                    found.setThreadFactor((runnable, name) -> {
                        Thread t = new Thread(runnable, "junction-zmq-io-" + name);
                        t.setDaemon(true);
                        return t;
                    });
                    kick = new PollerKick(found, KICK_PERIOD_MILLIS);
                    context = found;
                }
            }
        }
        return found;
    }

    /** The shared context's kicker (creating the context if need be). */
    public static PollerKick kick() {
        get();
        return kick;
    }
}
