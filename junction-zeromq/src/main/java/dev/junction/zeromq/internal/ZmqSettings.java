package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zeromq.ZMQ;

/**
 * What an endpoint URI says about one ZeroMQ socket: the addresses to bind or connect and the socket
 * options. Immutable. The README lists every option.
 */
public final class ZmqSettings {
    private final Endpoint endpoint;
    private final TransportOptions options;
    private final boolean bind;
    private final String transport;
    private final List<String> extraConnects;
    private final ZmqSecurity security;
    private final WireFormat format;

    ZmqSettings(Endpoint endpoint, TransportOptions options, boolean bindByDefault) {
        this.security = ZmqSecurity.parse(endpoint, options, bindByDefault);
        endpoint = ZmqSecurity.redact(endpoint);
        this.format = WireFormat.parse(endpoint.option("format"));
        this.endpoint = endpoint;
        this.options = options;
        this.bind = bool("bind", bindByDefault);
        this.transport = endpoint.option("transport", "tcp").toLowerCase(Locale.ROOT);
        if (!List.of("tcp", "ipc", "inproc").contains(transport)) {
            throw new IllegalArgumentException(
                    "Unknown ZeroMQ transport '" + transport + "' in " + endpoint + " (choose tcp, ipc or inproc)");
        }
        this.extraConnects = new ArrayList<>();
        String connect = endpoint.option("connect");
        if (connect != null) {
            for (String a : connect.split(",")) {
                if (!a.isBlank()) {
                    extraConnects.add(a.contains("://") ? a.trim() : "tcp://" + a.trim());
                }
            }
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** PLAIN or CURVE, read from the options (NULL when none is set). */
    ZmqSecurity security() {
        return security;
    }

    /** What goes on the wire for the engine's frames (the {@code format} option). */
    WireFormat format() {
        return format;
    }

    public TransportOptions transportOptions() {
        return options;
    }

    public boolean bind() {
        return bind;
    }

    /** The ZeroMQ address the URI's host, port and path name; {@code tcp://h:*} for a bind to port 0. */
    public String primaryAddress() {
        switch (transport) {
            case "ipc":
                return "ipc://" + endpoint.host() + endpoint.path();
            case "inproc":
                return "inproc://" + endpoint.host() + endpoint.path();
            default:
                String host = endpoint.host().indexOf(':') >= 0 ? "[" + endpoint.host() + "]" : endpoint.host();
                if (endpoint.port() <= 0) {
                    if (!bind) {
                        throw new IllegalArgumentException("Connecting needs a port: " + endpoint);
                    }
                    return "tcp://" + host + ":*";
                }
                return "tcp://" + host + ":" + endpoint.port();
        }
    }

    /** True when the URI names a primary address (an empty host means: only the connect= list). */
    public boolean hasPrimary() {
        return !endpoint.host().isEmpty() || !endpoint.path().isEmpty();
    }

    /** The addresses of the {@code connect} option, always connected. */
    public List<String> extraConnects() {
        return extraConnects;
    }

    /**
     * Binds or connects {@code socket} to every address; returns the endpoint to report (with the
     * real port after a bind to port 0).
     */
    public Endpoint attach(ZMQ.Socket socket) {
        Endpoint reported = endpoint;
        if (hasPrimary()) {
            String address = primaryAddress();
            try {
                if (bind) {
                    socket.bind(address);
                    if (transport.equals("tcp")) {
                        String last = socket.getLastEndpoint();
                        reported = endpoint.withPort(Integer.parseInt(last.substring(last.lastIndexOf(':') + 1)));
                    }
                } else {
                    socket.connect(address);
                }
            } catch (RuntimeException e) {
                throw new TransportException(
                        "Cannot " + (bind ? "bind " : "connect ") + address + " for " + endpoint + ": "
                                + e.getMessage(),
                        e);
            }
        }
        for (String address : extraConnects) {
            try {
                socket.connect(address);
            } catch (RuntimeException e) {
                throw new TransportException(
                        "Cannot connect " + address + " for " + endpoint + ": " + e.getMessage(), e);
            }
        }
        return reported;
    }

    /** Every address this socket connects to (for a re-created REQ socket). */
    public List<String> connectAddresses() {
        List<String> result = new ArrayList<>();
        if (hasPrimary() && !bind) {
            result.add(primaryAddress());
        }
        result.addAll(extraConnects);
        return result;
    }

    /** Applies the options every socket shares: limits, linger, HWM, heartbeats, reconnection, security. */
    public void configure(ZMQ.Socket socket) {
        socket.setLinger(integer("linger", 1000));
        socket.setMaxMsgSize(options.limits().maxFrameBytes() + 64L);
        int hwm = integer("hwm", 1000);
        socket.setSndHWM(hwm);
        socket.setRcvHWM(hwm);
        socket.setReconnectIVL(integer("reconnectInterval", 100));
        socket.setReconnectIVLMax(integer("reconnectIntervalMax", 0));
        // ZeroMQ's default; JeroMQ's connect race is handled by the context's PollerKick, not this timer
        socket.setHandshakeIvl(integer("handshakeInterval", 30_000));
        int hbInterval = integer("zmtpHeartbeatInterval", 0);
        if (hbInterval > 0) {
            socket.setHeartbeatIvl(hbInterval);
            socket.setHeartbeatTtl(integer("zmtpHeartbeatTtl", 0));
            socket.setHeartbeatTimeout(integer("zmtpHeartbeatTimeout", hbInterval));
        }
        ZmqSecurity.configure(socket, this);
    }

    /** An integer option, or {@code defaultValue}. */
    public int integer(String name, int defaultValue) {
        String value = endpoint.option(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Option " + name + " must be an integer, not '" + value + "': " + endpoint);
        }
    }

    /** A boolean option, or {@code defaultValue}. */
    public boolean bool(String name, boolean defaultValue) {
        String value = endpoint.option(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("Option " + name + " must be true or false, not '" + value + "'");
        }
    }

    /** A string option from the URI, else the builder's transport option of the same name, else null. */
    public String string(String name) {
        String value = endpoint.option(name);
        if (value == null) {
            Object extra = options.extra("zmq." + name);
            value = extra == null ? null : extra.toString();
        }
        return value;
    }

    /** A transport option the builder passed, by key ({@code zmq.<name>}), or null. */
    public <T> T extra(String name) {
        return options.extra("zmq." + name);
    }
}
