package dev.junction.zeromq.internal;

import org.zeromq.ZContext;

/**
 * The one ZeroMQ context of this JVM's Junction sockets. Shared so that {@code inproc://} endpoints
 * reach each other, and never terminated: each socket is closed on its own, with its linger, and the
 * context's I/O threads are daemons.
 */
public final class ZmqContext {
    private static volatile ZContext context;

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
                    context = found;
                }
            }
        }
        return found;
    }
}
