package dev.junction.transport;

import java.net.SocketAddress;
import java.util.Objects;

/** The address of one end of an in-memory ({@code mem://}) connection. Immutable. */
public final class MemAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final String name;

    public MemAddress(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemAddress && ((MemAddress) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "mem://" + name;
    }
}
