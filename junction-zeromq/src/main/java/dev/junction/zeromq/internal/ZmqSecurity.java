package dev.junction.zeromq.internal;

import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import dev.junction.zeromq.CurveAllowList;
import dev.junction.zeromq.PasswordTable;
import dev.junction.zeromq.ZapHandler;
import dev.junction.zeromq.ZeroMqKeys;
import dev.junction.zeromq.ZmqAuthenticationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * PLAIN and CURVE settings of a socket, read once from the endpoint's options (and the builder's
 * transport options {@code zmq.<name>} and {@link ZapHandler#OPTION}). The listening side (a server
 * scheme, whichever end binds) is the mechanism's server and authenticates through {@link
 * ZapServer}; the connecting side is its client. Immutable once parsed.
 *
 * <p>Secrets ({@code plainPassword}, {@code curveSecretKey}) are replaced by {@code (hidden)} in
 * the endpoint the transport reports and logs; key and password files keep them out of URIs.
 */
final class ZmqSecurity {
    static final List<String> SECRET_OPTIONS = List.of("plainPassword", "curveSecretKey");
    private static final AtomicLong DOMAINS = new AtomicLong();
    private static final AtomicLong MONITORS = new AtomicLong();

    enum Mechanism {
        NULL,
        PLAIN,
        CURVE
    }

    private final Mechanism mechanism;
    private final boolean server;
    private final String domain;
    private final ZapHandler handler;
    private final String plainUser;
    private final String plainPassword;
    private final ZeroMqKeys.KeyPair curveKeys;
    private final byte[] curveServerKey;

    private ZmqSecurity(
            Mechanism mechanism,
            boolean server,
            String domain,
            ZapHandler handler,
            String plainUser,
            String plainPassword,
            ZeroMqKeys.KeyPair curveKeys,
            byte[] curveServerKey) {
        this.mechanism = mechanism;
        this.server = server;
        this.domain = domain;
        this.handler = handler;
        this.plainUser = plainUser;
        this.plainPassword = plainPassword;
        this.curveKeys = curveKeys;
        this.curveServerKey = curveServerKey;
    }

    /** No security: the NULL mechanism. */
    static final ZmqSecurity NONE = new ZmqSecurity(Mechanism.NULL, false, null, null, null, null, null, null);

    /**
     * Reads the security options of an endpoint; {@code server} for the listening side.
     *
     * @throws IllegalArgumentException for contradicting or incomplete options and invalid keys
     */
    static ZmqSecurity parse(Endpoint endpoint, TransportOptions options, boolean server) {
        Options o = new Options(endpoint, options);
        Mechanism mechanism = mechanism(o, server);
        if (mechanism == Mechanism.NULL) {
            return NONE;
        }
        return server ? parseServer(o, mechanism) : parseClient(o, mechanism);
    }

    private static Mechanism mechanism(Options o, boolean server) {
        String named = o.get("mechanism");
        if (named != null) {
            try {
                return Mechanism.valueOf(named.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Unknown ZeroMQ security mechanism '" + named + "' (choose null, plain or curve)");
            }
        }
        boolean plain = server ? o.has("plainPasswords") : o.has("plainUser");
        boolean curve = server
                ? o.has("curveKeyFile") || o.has("curveSecretKey") || o.has("curveAllow")
                : o.has("curveServerKey") || o.has("curveServerKeyFile");
        if (plain && curve) {
            throw new IllegalArgumentException("Both PLAIN and CURVE options are given: choose one mechanism");
        }
        if (!plain && !curve && o.handler() != null) {
            throw new IllegalArgumentException("A ZapHandler needs mechanism=plain or mechanism=curve");
        }
        return plain ? Mechanism.PLAIN : curve ? Mechanism.CURVE : Mechanism.NULL;
    }

    private static ZmqSecurity parseServer(Options o, Mechanism mechanism) {
        String domain = o.get("zapDomain") != null ? o.get("zapDomain") : "junction-" + DOMAINS.incrementAndGet();
        ZapHandler handler = o.handler();
        if (mechanism == Mechanism.PLAIN) {
            if (handler == null && o.has("plainPasswords")) {
                handler = PasswordTable.read(Path.of(o.get("plainPasswords")));
            }
            if (handler == null) {
                throw new IllegalArgumentException(
                        "A PLAIN server needs plainPasswords=FILE or a ZapHandler (transportOption " + ZapHandler.OPTION
                                + ")");
            }
            return new ZmqSecurity(mechanism, true, domain, handler, null, null, null, null);
        }
        ZeroMqKeys.KeyPair keys = ownKeys(o, true);
        if (keys == null) {
            throw new IllegalArgumentException(
                    "A CURVE server needs its key pair: curveKeyFile=FILE (a secret certificate) or curveSecretKey=");
        }
        if (handler == null) {
            String allow = o.get("curveAllow");
            if (allow == null) {
                throw new IllegalArgumentException("A CURVE server must say which clients may connect: "
                        + "curveAllow=FILE (public keys), curveAllow=* (any client) or a ZapHandler");
            }
            handler = allow.equals("*") ? CurveAllowList.anyClient() : CurveAllowList.read(Path.of(allow));
        }
        return new ZmqSecurity(mechanism, true, domain, handler, null, null, keys, null);
    }

    private static ZmqSecurity parseClient(Options o, Mechanism mechanism) {
        if (mechanism == Mechanism.PLAIN) {
            String user = o.get("plainUser");
            String password = o.get("plainPassword");
            if (o.has("plainPasswordFile")) {
                password = firstLine(Path.of(o.get("plainPasswordFile")));
            }
            if (user == null || password == null) {
                throw new IllegalArgumentException(
                        "A PLAIN client needs plainUser= and plainPassword= (or plainPasswordFile=FILE)");
            }
            return new ZmqSecurity(mechanism, false, null, null, user, password, null, null);
        }
        String serverKey = o.get("curveServerKey");
        if (o.has("curveServerKeyFile")) {
            serverKey =
                    ZeroMqKeys.read(Path.of(o.get("curveServerKeyFile")), false).publicKey();
        }
        if (serverKey == null) {
            throw new IllegalArgumentException("A CURVE client needs the server's public key: curveServerKey=");
        }
        byte[] serverKeyBytes = ZeroMqKeys.decode(serverKey, "server key (curveServerKey)");
        ZeroMqKeys.KeyPair keys = ownKeys(o, false);
        return new ZmqSecurity(
                mechanism, false, null, null, null, null, keys == null ? ZeroMqKeys.generate() : keys, serverKeyBytes);
    }

    /** The socket's own pair: a key file, or the secret key (with its public key, checked or derived). */
    private static ZeroMqKeys.KeyPair ownKeys(Options o, boolean server) {
        if (o.has("curveKeyFile")) {
            ZeroMqKeys.KeyPair pair = ZeroMqKeys.read(Path.of(o.get("curveKeyFile")), true);
            if (pair.secretKey() == null) {
                throw new IllegalArgumentException(
                        "The key file " + o.get("curveKeyFile") + " has no secret-key: give the _secret file");
            }
            return pair;
        }
        String secret = o.get("curveSecretKey");
        if (secret == null) {
            if (o.has("curvePublicKey")) {
                throw new IllegalArgumentException("curvePublicKey needs curveSecretKey (or use curveKeyFile)");
            }
            return null;
        }
        String derived = ZeroMqKeys.publicKeyOf(secret);
        String given = o.get("curvePublicKey");
        if (given != null && !given.equals(derived)) {
            throw new IllegalArgumentException("curveSecretKey does not belong to curvePublicKey");
        }
        return new ZeroMqKeys.KeyPair(derived, secret);
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code endpoint} with its secret options hidden, for addresses, messages and logs. */
    static Endpoint redact(Endpoint endpoint) {
        Endpoint result = endpoint;
        for (String name : SECRET_OPTIONS) {
            if (endpoint.option(name) != null) {
                result = result.withOption(name, "(hidden)");
            }
        }
        return result;
    }

    boolean enabled() {
        return mechanism != Mechanism.NULL;
    }

    private static volatile org.zeromq.ZContext secured;
    private static volatile PollerKick securedKick;

    /**
     * The context for a socket: a secured server's sockets live in a context of their own, with the
     * {@link ZapServer}, so that JeroMQ never asks a ZAP handler about the other sockets (it asks
     * about every socket of a context that has one). So {@code inproc://} does not reach a secured
     * server from the shared context; PLAIN and CURVE are for tcp and ipc.
     */
    static org.zeromq.ZContext context(ZmqSettings settings) {
        ZmqSecurity s = settings.security();
        return s.server && s.enabled() ? securedContext() : ZmqContext.get();
    }

    /**
     * The {@link PollerKick} of the context {@link #context} gives a socket with these settings:
     * a secured server socket that connects out meets JeroMQ's connect race in its own context too.
     */
    static PollerKick kick(ZmqSettings settings) {
        ZmqSecurity s = settings.security();
        return s.server && s.enabled() ? securedKick() : ZmqContext.kick();
    }

    /** The secured context's {@link PollerKick} (creating the context if need be). */
    static PollerKick securedKick() {
        securedContext();
        return securedKick;
    }

    /** The context of secured server sockets and the ZAP handler, created on first use. */
    static org.zeromq.ZContext securedContext() {
        org.zeromq.ZContext found = secured;
        if (found == null) {
            synchronized (ZmqSecurity.class) {
                found = secured;
                if (found == null) {
                    found = new org.zeromq.ZContext(1);
                    found.setThreadFactor((runnable, name) -> {
                        Thread t = new Thread(runnable, "junction-zmq-secure-io-" + name);
                        t.setDaemon(true);
                        return t;
                    });
                    securedKick = new PollerKick(found, ZmqContext.KICK_PERIOD_MILLIS);
                    secured = found;
                }
            }
        }
        return found;
    }

    /** Applies the mechanism to a new socket, before it binds or connects. */
    static void configure(ZMQ.Socket socket, ZmqSettings settings) {
        settings.security().apply(socket);
    }

    private void apply(ZMQ.Socket socket) {
        switch (mechanism) {
            case PLAIN:
                if (server) {
                    ZapServer.get().register(domain, handler);
                    socket.setZAPDomain(domain);
                    socket.setPlainServer(true);
                } else {
                    socket.setPlainUsername(plainUser);
                    socket.setPlainPassword(plainPassword);
                }
                return;
            case CURVE:
                socket.setCurvePublicKey(ZeroMqKeys.decode(curveKeys.publicKey(), "public key"));
                socket.setCurveSecretKey(ZeroMqKeys.decode(curveKeys.secretKey(), "secret key"));
                if (server) {
                    ZapServer.get().register(domain, handler);
                    socket.setZAPDomain(domain);
                    socket.setCurveServer(true);
                } else {
                    socket.setCurveServerKey(curveServerKey);
                }
                return;
            default:
        }
    }

    /** Stops answering for this server's ZAP domain (its socket closed). */
    static void release(ZmqSettings settings) {
        ZmqSecurity s = settings.security();
        if (s.server && s.domain != null) {
            ZapServer.get().unregister(s.domain);
        }
    }

    /**
     * On a client socket with a mechanism, watches the handshake (a socket monitor on the same loop)
     * and reports a refusal of its credentials to {@code onRefused}, once. Call before the socket
     * connects; close what it returns before closing the socket. Loop thread.
     */
    static Watch watch(
            ZmqLoop loop, ZMQ.Socket socket, ZmqSettings settings, Consumer<ZmqAuthenticationException> onRefused) {
        ZmqSecurity s = settings.security();
        if (s.server || !s.enabled()) {
            return Watch.NONE;
        }
        String address = "inproc://junction-monitor-" + MONITORS.incrementAndGet();
        socket.monitor(address, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL);
        ZMQ.Socket events = ZmqContext.get().getContext().socket(SocketType.PAIR);
        events.setLinger(0);
        events.connect(address);
        Watch watch = new Watch(loop, events);
        String what = s.mechanism + " credentials for " + settings.endpoint();
        loop.register(events, () -> {
            ZMQ.Event event;
            while (!watch.closed && (event = ZMQ.Event.recv(events, ZMQ.DONTWAIT)) != null) {
                int value = event.getValue() instanceof Integer ? (Integer) event.getValue() : 0;
                if (event.getEvent() == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
                    watch.close();
                    onRefused.accept(new ZmqAuthenticationException(
                            "Authentication failed: the server refused the " + what + " (ZAP status " + value + ")",
                            value));
                    return;
                }
                if (event.getEvent() == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
                    // a libzmq server's refusal reaches JeroMQ's PLAIN and CURVE clients this way
                    watch.close();
                    onRefused.accept(new ZmqAuthenticationException(
                            "Authentication failed: the server broke off the handshake with the " + what
                                    + " (ZMTP protocol error 0x" + Integer.toHexString(value)
                                    + "; a libzmq server refusing credentials, or a mechanism it does not use)",
                            0));
                    return;
                }
            }
        });
        return watch;
    }

    /** A handshake monitor; {@link #close} on the loop thread. */
    static final class Watch {
        static final Watch NONE = new Watch(null, null);
        private final ZmqLoop loop;
        private final ZMQ.Socket events;
        private boolean closed;

        private Watch(ZmqLoop loop, ZMQ.Socket events) {
            this.loop = loop;
            this.events = events;
        }

        void close() {
            if (!closed && events != null) {
                closed = true;
                loop.unregister(events);
                events.close();
            }
        }
    }

    /** The URI option, else the builder's {@code zmq.<name>} transport option. */
    private static final class Options {
        private final Endpoint endpoint;
        private final TransportOptions options;

        Options(Endpoint endpoint, TransportOptions options) {
            this.endpoint = endpoint;
            this.options = options;
        }

        String get(String name) {
            String value = endpoint.option(name);
            if (value == null) {
                Object extra = options.extra("zmq." + name);
                value = extra == null ? null : extra.toString();
            }
            return value == null || value.isEmpty() ? null : value;
        }

        boolean has(String name) {
            return get(name) != null;
        }

        ZapHandler handler() {
            Object h = options.extra(ZapHandler.OPTION);
            if (h != null && !(h instanceof ZapHandler)) {
                throw new IllegalArgumentException(ZapHandler.OPTION + " must be a ZapHandler, not " + h.getClass());
            }
            return (ZapHandler) h;
        }
    }
}
