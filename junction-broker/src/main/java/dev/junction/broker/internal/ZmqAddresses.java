package dev.junction.broker.internal;

import dev.junction.transport.Endpoint;
import java.util.Set;

/**
 * Turns a broker or worker URI into a ZeroMQ address: {@code scheme://host:port} is {@code
 * tcp://host:port} (port 0 when binding: any free port), {@code ?transport=ipc} makes {@code
 * ipc://host/path}. {@code inproc} is refused: the broker's sockets live in their own context.
 */
public final class ZmqAddresses {
    private ZmqAddresses() {}

    /**
     * The ZeroMQ address of {@code endpoint}.
     *
     * @param schemes the URI schemes accepted here
     * @param binding whether the address is bound (a port of 0 then means any free port)
     * @throws IllegalArgumentException naming the URI when the scheme, transport or address is wrong
     */
    public static String of(Endpoint endpoint, Set<String> schemes, boolean binding) {
        if (!schemes.contains(endpoint.scheme())) {
            throw new IllegalArgumentException("Unsupported scheme in " + endpoint + ": expected one of " + schemes);
        }
        String transport = endpoint.option("transport", "tcp");
        String host = endpoint.host();
        switch (transport) {
            case "tcp":
                if (host == null || host.isEmpty()) {
                    throw new IllegalArgumentException("No host in " + endpoint);
                }
                int port = endpoint.port(-1);
                if (port < 0 || !binding && port == 0) {
                    throw new IllegalArgumentException("No port in " + endpoint);
                }
                return "tcp://" + host + ":" + (port == 0 ? "*" : Integer.toString(port));
            case "ipc":
                return "ipc://" + (host == null ? "" : host) + (endpoint.path() == null ? "" : endpoint.path());
            default:
                throw new IllegalArgumentException(
                        "Unsupported transport '" + transport + "' in " + endpoint + ": the broker speaks tcp and ipc");
        }
    }
}
