package dev.junction.netty.internal;

import dev.junction.Limits;
import dev.junction.framing.Framing;
import dev.junction.framing.Framings;
import dev.junction.netty.NettyOptions;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The settings of one endpoint, read once from its URI options and the builder's transport
 * options (the URI wins). Immutable.
 */
public final class Settings {
    final Endpoint endpoint;
    final TransportOptions options;
    final Framing framing;
    final Limits limits;
    final Duration connectTimeout;
    final int maxConnections;
    final Duration frameTimeout;
    final Duration idleTimeout;
    final boolean reconnect;
    final Duration reconnectInitialDelay;
    final Duration reconnectMaxDelay;
    final boolean waitForLink;
    final boolean tls;
    /** ws, wss, http or https. */
    final boolean web;

    Settings(Endpoint endpoint, TransportOptions options) {
        this.endpoint = endpoint;
        this.options = options;
        this.limits = options.limits();
        this.framing = framing(endpoint, options);
        this.connectTimeout = duration(NettyOptions.CONNECT_TIMEOUT, options.connectTimeout());
        this.maxConnections = integer(NettyOptions.MAX_CONNECTIONS, 10_000);
        this.frameTimeout = duration(NettyOptions.FRAME_TIMEOUT, Duration.ofSeconds(30));
        this.idleTimeout = duration(NettyOptions.IDLE_TIMEOUT, Duration.ZERO);
        this.reconnect = bool(NettyOptions.RECONNECT, false);
        this.reconnectInitialDelay = duration(NettyOptions.RECONNECT_INITIAL_DELAY, Duration.ofMillis(100));
        this.reconnectMaxDelay = duration(NettyOptions.RECONNECT_MAX_DELAY, Duration.ofSeconds(30));
        this.waitForLink = bool(NettyOptions.WAIT_FOR_LINK, true);
        String scheme = endpoint.scheme();
        this.tls = "tls".equals(scheme) || "wss".equals(scheme) || "https".equals(scheme);
        this.web = !"tcp".equals(scheme) && !"tls".equals(scheme);
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0: " + maxConnections);
        }
        if (reconnectInitialDelay.isZero()) {
            throw new IllegalArgumentException("reconnectInitialDelay must be > 0");
        }
    }

    private static Framing framing(Endpoint endpoint, TransportOptions options) {
        if (options.framing() != null) {
            return options.framing();
        }
        String name = endpoint.option("framing");
        if (name != null) {
            return Framings.forName(name, endpoint.options());
        }
        return "bson".equalsIgnoreCase(options.codecName()) ? Framings.bsonLength() : Framings.newline();
    }

    /** The raw value of {@code name}: the URI option, else the builder's transport option, else null. */
    Object raw(String name) {
        String fromUri = endpoint.option(name);
        return fromUri != null ? fromUri : options.extra(name);
    }

    String string(String name) {
        Object v = raw(name);
        return v == null ? null : v.toString();
    }

    /** A path option (a String, File or Path), or null. */
    File file(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        return v instanceof Path ? ((Path) v).toFile() : v instanceof File ? (File) v : new File(v.toString());
    }

    boolean bool(String name, boolean defaultValue) {
        Object v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("Option " + name + " must be true or false, not '" + v + "'");
        }
    }

    int integer(String name, int defaultValue) {
        Object v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + name + " must be a whole number, not '" + v + "'");
        }
    }

    Duration duration(String name, Duration defaultValue) {
        Object v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        Duration d = v instanceof Duration
                ? (Duration) v
                : v instanceof Number
                        ? Duration.ofMillis(((Number) v).longValue())
                        : NettyOptions.parseDuration(name, v.toString());
        if (d.isNegative()) {
            throw new IllegalArgumentException("Option " + name + " must not be negative: " + v);
        }
        return d;
    }

    /** The host to connect to or bind; {@code *} and empty mean every interface. */
    String bindHost() {
        String host = endpoint.host();
        return host.isEmpty() || "*".equals(host) ? "0.0.0.0" : host;
    }
}
