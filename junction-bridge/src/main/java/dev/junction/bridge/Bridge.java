package dev.junction.bridge;

import dev.junction.Junction;
import dev.junction.RpcServer;
import dev.junction.bridge.internal.Buffer;
import dev.junction.bridge.internal.Counters;
import dev.junction.bridge.internal.Downstream;
import dev.junction.bridge.internal.Forwarder;
import dev.junction.bridge.internal.PairedDownstreams;
import dev.junction.service.Services;
import dev.junction.transport.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running bridge: a Junction server on the inbound endpoint whose every request and notification
 * is forwarded, unchanged, to the outbound endpoint, whatever the two transports are.
 *
 * <pre>{@code
 * try (Bridge bridge = Bridge.from("ws://0.0.0.0:8080/rpc").to("zmq-dealer://10.0.0.5:5555").start()) {
 *   bridge.awaitClose();
 * }
 * }</pre>
 *
 * <p>Unbuffered (the default), each request becomes a call on one shared outbound connection (made
 * on first use, made again after it drops) and gets the downstream's answer verbatim; the
 * downstream being unreachable is answered with {@link #DOWNSTREAM_UNAVAILABLE}. With {@link
 * Builder#perConnection}, each inbound connection gets its own outbound connection and what the
 * downstream calls back is forwarded to it. With {@link Builder#buffer}, messages are queued while
 * the downstream is unreachable and delivered in order when it is back, optionally through a
 * journal on disk ({@link Builder#journal}). The module's README details what is forwarded and the
 * guarantees of each.
 *
 * <p>Thread-safe. You own it: {@link #close} stops it.
 */
public final class Bridge implements AutoCloseable {
    /** The error code a bridge answers with when the downstream cannot be reached or does not answer in time. */
    public static final int DOWNSTREAM_UNAVAILABLE = -32001;

    private final RpcServer server;
    private final Buffer buffer;
    private final AutoCloseable outbound;
    private final Counters counters;

    private Bridge(RpcServer server, Buffer buffer, AutoCloseable outbound, Counters counters) {
        this.server = server;
        this.buffer = buffer;
        this.outbound = outbound;
        this.counters = counters;
    }

    /**
     * Starts describing a bridge whose inbound side listens on {@code uri}.
     *
     * @throws IllegalArgumentException if {@code uri} is malformed
     */
    public static Builder from(String uri) {
        return new Builder(uri);
    }

    /** The inbound endpoints as bound (port 0 resolved). */
    public List<Endpoint> endpoints() {
        return server.endpoints();
    }

    /** The counters now. */
    public BridgeStats stats() {
        return buffer != null ? buffer.stats() : counters.snapshot(0);
    }

    /** Blocks until the bridge is closed. */
    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    /**
     * Stops listening, closes the inbound connections, stops delivering, and closes the outbound
     * connections. A buffered bridge fails the requests still waiting in its memory queue with
     * {@link #DOWNSTREAM_UNAVAILABLE}; with a journal they stay on disk for the next start.
     */
    @Override
    public void close() {
        server.close();
        if (buffer != null) {
            buffer.close();
        }
        if (outbound != null) {
            try {
                outbound.close();
            } catch (Exception e) {
                // closing a client does not throw checked exceptions
            }
        }
    }

    /** Describes a bridge. Not thread-safe; {@link #start} may be called once. */
    public static final class Builder {
        private final String from;
        private String to;
        private int capacity;
        private Path journal;
        private Overflow overflow = Overflow.REJECT;
        private ReplyMode reply = ReplyMode.DOWNSTREAM;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration retryInterval = Duration.ofMillis(200);
        private boolean perConnection;
        private boolean notifyOnly;
        private Consumer<Junction.ServerBuilder> inbound = b -> {};
        private Consumer<Junction.ClientBuilder> outboundSettings = b -> {};

        private Builder(String from) {
            Endpoint.parse(from);
            this.from = from;
        }

        /** Where to forward to (required): a URI any outbound transport on the class path connects to. */
        public Builder to(String uri) {
            Endpoint.parse(uri);
            this.to = uri;
            return this;
        }

        /**
         * Buffers up to {@code capacity} messages while the downstream is unreachable (0, the default:
         * no buffer). See {@link #overflow} for what happens past it.
         */
        public Builder buffer(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("buffer must be 0 (none) or positive, not " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Keeps the buffer in a journal in {@code directory} too, so that a restarted bridge delivers
         * what it had accepted. Implies a buffer (10,000 messages unless {@link #buffer} says).
         */
        public Builder journal(Path directory) {
            this.journal = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** What a full buffer does with one more message (default {@link Overflow#REJECT}). */
        public Builder overflow(Overflow policy) {
            this.overflow = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** When a buffered bridge answers requests (default {@link ReplyMode#DOWNSTREAM}). */
        public Builder reply(ReplyMode mode) {
            this.reply = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * How long the downstream may take to answer one forwarded request (default 30 s): then an
         * unbuffered bridge answers {@link #DOWNSTREAM_UNAVAILABLE}, and a buffered one sends it again.
         */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** How long a buffered bridge waits before trying an unreachable downstream again (200 ms). */
        public Builder retryInterval(Duration value) {
            this.retryInterval = Objects.requireNonNull(value, "retryInterval");
            return this;
        }

        /**
         * One outbound connection per inbound connection (unbuffered bridges only), so that calls and
         * notifications the downstream sends back are forwarded to the inbound connection they belong
         * to. Default: one shared outbound connection, and calls back are answered -32601.
         */
        public Builder perConnection(boolean value) {
            this.perConnection = value;
            return this;
        }

        /**
         * Forwards requests as notifications too, for outbound endpoints that cannot answer (a PUB
         * socket: the prior art's REP→PUB proxy); each request is answered {@code {"accepted": true}}
         * once written downstream (buffered: once accepted, with its {@code seq}). Default: off.
         */
        public Builder notifyOnly(boolean value) {
            this.notifyOnly = value;
            return this;
        }

        /** More settings of the inbound server (limits, TLS, interceptors...). */
        public Builder inbound(Consumer<Junction.ServerBuilder> settings) {
            this.inbound = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** More settings of the outbound connections (limits, TLS, interceptors...). */
        public Builder outbound(Consumer<Junction.ClientBuilder> settings) {
            this.outboundSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Binds the inbound endpoint and starts forwarding. The outbound side connects on first use
         * (a buffered bridge: at once, retrying until it can).
         *
         * @throws IllegalStateException if {@link #to} is missing, the options conflict, or the journal
         *     cannot be opened
         * @throws dev.junction.TransportException if the inbound endpoint cannot be bound
         */
        public Bridge start() {
            if (to == null) {
                throw new IllegalStateException("Give the bridge a destination with to(uri)");
            }
            boolean buffered = capacity > 0 || journal != null;
            if (buffered && perConnection) {
                throw new IllegalStateException("A buffered bridge has one outbound connection: drop perConnection");
            }
            Counters counters = new Counters();
            Supplier<Junction.ClientBuilder> builders = () -> {
                // the bridge never blocks in a callback of an outbound call: completing them on the transport
                // thread saves a thread hop per forwarded answer
                Junction.ClientBuilder b = Junction.client().timeout(timeout).directCallbacks(true);
                outboundSettings.accept(b);
                return b;
            };
            Junction.ServerBuilder server = Junction.server().listen(from);
            inbound.accept(server);
            if (buffered) {
                Buffer buffer = new Buffer(
                        to,
                        capacity > 0 ? capacity : 10_000,
                        overflow,
                        journal,
                        reply,
                        retryInterval,
                        builders,
                        counters,
                        notifyOnly);
                try {
                    server.services(
                            Services.builder().nonBlockingFallback(buffer).build());
                    return new Bridge(server.start(), buffer, null, counters);
                } catch (RuntimeException e) {
                    buffer.close();
                    throw e;
                }
            }
            if (perConnection) {
                PairedDownstreams pairs = new PairedDownstreams(from, to, builders, counters);
                server.fallback(new Forwarder(to, pairs, counters, notifyOnly));
                return new Bridge(server.start(), null, pairs, counters);
            }
            Downstream shared = new Downstream(to, builders);
            server.fallback(new Forwarder(to, context -> shared.get(), counters, notifyOnly));
            return new Bridge(server.start(), null, shared, counters);
        }
    }
}
