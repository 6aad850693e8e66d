package dev.junction.zeromq.internal;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * Where a ZeroMQ peer is, as far as ZeroMQ tells: the endpoint a socket bound or connected, plus,
 * for a peer behind a ROUTER, its routing identity in hex. Immutable.
 */
public final class ZmqAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final String text;

    public ZmqAddress(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZmqAddress && ((ZmqAddress) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
