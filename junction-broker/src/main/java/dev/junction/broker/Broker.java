package dev.junction.broker;

import dev.junction.Limits;
import dev.junction.TransportException;
import dev.junction.broker.internal.BrokerConfig;
import dev.junction.broker.internal.BrokerEngine;
import dev.junction.broker.internal.MethodPatterns;
import dev.junction.transport.Endpoint;
import dev.junction.zeromq.internal.ZmqLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A load-balancing broker: clients connect to its frontend as if to one {@code zmq-router} Junction
 * server (DEALER and REQ clients of junction-zeromq, or any ZeroMQ client speaking JSON-RPC);
 * workers (Junction servers listening on {@code zmq-worker://broker-host:port}) register on its
 * backend. Each request goes to the worker with the lowest share of its capacity in use; when a
 * worker's heartbeats stop, its idempotent requests are sent once to another worker and the others
 * are answered {@link BrokerErrors#WORKER_LOST}.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder()
 *         .frontend("zmq-router://*:5555")
 *         .backend("zmq-router://*:5556")
 *         .idempotent("calc.*", "get*")
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: both sockets and every table belong to one daemon thread ({@code junction-broker-n});
 * the methods here may be called from any thread and talk to it through its queue. {@link #close}
 * is idempotent.
 */
public final class Broker implements AutoCloseable {
    private final BrokerConfig config;
    private ZmqLoop loop;
    private BrokerEngine engine;
    private volatile Endpoint frontend;
    private volatile Endpoint backend;
    private volatile boolean closed;

    private Broker(BrokerConfig config) {
        this.config = config;
    }

    /** A builder; {@link Builder#frontend} and {@link Builder#backend} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the frontend and the backend and starts serving; returns this.
     *
     * @throws TransportException when an address cannot be bound (in use, bad host)
     * @throws IllegalArgumentException when a URI's scheme or transport is not one the broker speaks
     * @throws IllegalStateException when already started
     */
    public synchronized Broker start() {
        if (loop != null) {
            throw new IllegalStateException("Already started");
        }
        loop = new ZmqLoop("broker");
        engine = new BrokerEngine(config, loop);
        try {
            Endpoint[] bound = loop.submit(engine::open).join();
            frontend = bound[0];
            backend = bound[1];
        } catch (CompletionException e) {
            loop.stop();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    /** The frontend as bound (port 0 resolved to the real port); null before {@link #start}. */
    public Endpoint frontendEndpoint() {
        return frontend;
    }

    /** The backend as bound (port 0 resolved to the real port); null before {@link #start}. */
    public Endpoint backendEndpoint() {
        return backend;
    }

    /**
     * A snapshot of the counters and workers, taken on the broker's thread.
     *
     * @throws IllegalStateException when not started, closed, or the thread does not answer within 5 s
     */
    public BrokerStats stats() {
        ZmqLoop current = loop;
        if (current == null || closed) {
            throw new IllegalStateException("The broker is not running");
        }
        try {
            return current.submit(engine::stats).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker's thread did not answer", e);
        }
    }

    /**
     * Closes in order and waits (up to 5 s) for the thread to end: requests queued or in flight are
     * answered {@link BrokerErrors#BROKER_CLOSING}, DEALER clients get Junction's BYE (a Junction
     * client then closes its connection), workers are told to reset and wait for a broker again,
     * and the sockets close with their linger. Idempotent; any thread.
     */
    @Override
    public synchronized void close() {
        if (closed || loop == null) {
            closed = true;
            return;
        }
        closed = true;
        ZmqLoop owner = loop;
        owner.execute(() -> {
            engine.close();
            owner.stop(); // after the last words: a stop from here could overtake them
        });
        try {
            loop.stopped().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // the thread is a daemon: nothing more to do
        }
    }

    @Override
    public String toString() {
        return "Broker[" + (frontend != null ? frontend : config.frontend()) + " <-> "
                + (backend != null ? backend : config.backend()) + "]";
    }

    /** Builds a {@link Broker}. Not thread-safe; each {@link #build} makes an independent broker. */
    public static final class Builder {
        private String frontend;
        private String backend;
        private final List<String> idempotent = new ArrayList<>();
        private Duration heartbeat = Duration.ofSeconds(1);
        private int liveness = 3;
        private int queueLimit = 10_000;
        private Duration queueTimeout = Duration.ofSeconds(30);
        private Limits limits = Limits.defaults();

        private Builder() {}

        /**
         * Where clients connect: {@code zmq-router://host:port} (port 0: a free port), with options
         * {@code transport} ({@code tcp}, {@code ipc}), {@code codec} ({@code json}, {@code bson}:
         * the workers must use the same), {@code hwm}, {@code linger}.
         */
        public Builder frontend(String uri) {
            this.frontend = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** Where workers register: {@code zmq-router://host:port}, options as for the frontend. */
        public Builder backend(String uri) {
            this.backend = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * Method globs ({@code *} any run of characters, {@code ?} one) the broker may send again to
         * another worker when the worker handling them is lost; each item may be a comma-separated
         * list. Adds to what each worker declares itself in READY.
         */
        public Builder idempotent(String... globs) {
            idempotent.addAll(Arrays.asList(globs));
            return this;
        }

        /** How often the broker sends each worker a heartbeat, and checks theirs (default 1 s). */
        public Builder heartbeatInterval(Duration value) {
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException("heartbeatInterval must be at least 1 ms");
            }
            this.heartbeat = value;
            return this;
        }

        /**
         * How many of a worker's own heartbeat intervals may pass without a word from it before it is
         * dropped (default 3).
         */
        public Builder liveness(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("liveness must be at least 1");
            }
            this.liveness = value;
            return this;
        }

        /** The most messages waiting for a worker (default 10,000); more are refused at once. */
        public Builder queueLimit(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("queueLimit must be at least 0");
            }
            this.queueLimit = value;
            return this;
        }

        /** How long a request may wait for a worker with room (default 30 s). */
        public Builder queueTimeout(Duration value) {
            this.queueTimeout = Objects.requireNonNull(value, "queueTimeout");
            return this;
        }

        /** The frame size and codec limits applied to what clients send (default: {@link Limits#defaults()}). */
        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * The broker, not started.
         *
         * @throws IllegalArgumentException when a URI is missing or malformed, or names an unknown codec
         */
        public Broker build() {
            if (frontend == null || backend == null) {
                throw new IllegalArgumentException("A broker needs a frontend and a backend URI");
            }
            BrokerConfig config = new BrokerConfig(
                    Endpoint.parse(frontend),
                    Endpoint.parse(backend),
                    MethodPatterns.of(idempotent),
                    heartbeat.toMillis(),
                    liveness,
                    queueLimit,
                    queueTimeout.toMillis(),
                    limits);
            dev.junction.codec.Codecs.forName(config.frontend().option("codec", "json"), limits);
            return new Broker(config);
        }
    }
}
