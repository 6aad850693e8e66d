package dev.junction.zeromq.internal;

import org.zeromq.ZMQ;

/** PLAIN and CURVE settings of a socket (filled in by the security work). */
final class ZmqSecurity {
    private ZmqSecurity() {}

    static void configure(ZMQ.Socket socket, ZmqSettings settings) {}
}
