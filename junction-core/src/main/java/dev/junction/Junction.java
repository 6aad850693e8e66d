package dev.junction;

import dev.junction.internal.PeerConfig;
import dev.junction.internal.PeerEngine;
import dev.junction.internal.ServerImpl;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.Transports;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Where everything starts: {@link #server()} to serve, {@link #client()} or {@link #connect} to
 * call. Transports are found by the endpoint URI's scheme ({@code tcp://}, {@code ws://}, {@code
 * mem://}...) among the modules on the class path.
 *
 * <pre>{@code
 * RpcServer server = Junction.server()
 *     .service(new Calculator())
 *     .method("echo", String.class, s -> s)
 *     .listen("mem://demo")
 *     .start();
 * try (RpcClient client = Junction.connect("mem://demo")) {
 *   int d = client.call("calc.subtract", int.class, 42, 23);
 * }
 * }</pre>
 */
public final class Junction {
    private Junction() {}

    /** A builder for a server. */
    public static ServerBuilder server() {
        return new ServerBuilder();
    }

    /** A builder for a client (to set services the server may call, timeouts, codec...). */
    public static ClientBuilder client() {
        return new ClientBuilder();
    }

    /**
     * Connects to {@code uri} with default settings.
     *
     * @throws TransportException carrying the cause when the connection cannot be made
     * @throws IllegalArgumentException for a malformed URI or a scheme no module serves
     */
    public static RpcClient connect(String uri) {
        return client().connect(uri);
    }

    /** Builds and starts servers. Not thread-safe. */
    public static final class ServerBuilder extends PeerBuilder<ServerBuilder> {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private Consumer<RpcPeer> onConnect = peer -> {};

        ServerBuilder() {}

        /** Adds an endpoint to listen on, as a URI ({@code tcp://127.0.0.1:0}, {@code mem://name}). */
        public ServerBuilder listen(String uri) {
            endpoints.add(Endpoint.parse(uri));
            return this;
        }

        /** Called with each new peer, on a transport thread (it must not block). */
        public ServerBuilder onConnect(Consumer<RpcPeer> action) {
            this.onConnect = action;
            return this;
        }

        /**
         * Binds every endpoint and starts serving.
         *
         * @throws TransportException if an endpoint cannot be bound (those already bound are closed)
         * @throws IllegalStateException if no endpoint was given
         */
        public RpcServer start() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("Give the server at least one endpoint with listen(uri)");
            }
            ServerImpl server = new ServerImpl(onConnect);
            try {
                for (Endpoint endpoint : endpoints) {
                    PeerConfig config = peerConfig(endpoint);
                    TransportOptions options = transportOptions(endpoint, config);
                    server.bind(Transports.forScheme(endpoint.scheme()), endpoint, options, config);
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    /** Builds clients. Not thread-safe; may connect several times. */
    public static final class ClientBuilder extends PeerBuilder<ClientBuilder> {
        ClientBuilder() {}

        /**
         * Connects to {@code uri}, waiting up to the connect timeout.
         *
         * @throws TransportException carrying the cause when the connection cannot be made
         */
        public RpcClient connect(String uri) {
            Endpoint endpoint = Endpoint.parse(uri);
            PeerConfig config = peerConfig(endpoint);
            TransportOptions options = transportOptions(endpoint, config);
            var future = Transports.forScheme(endpoint.scheme()).connect(endpoint, options);
            Connection connection;
            try {
                connection = future.get(options.connectTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof TransportException
                        ? (TransportException) cause
                        : new TransportException("Cannot connect to " + uri + ": " + cause, cause);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new TransportException("Cannot connect to " + uri + ": timed out", e);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new TransportException("Interrupted while connecting to " + uri, e);
            }
            return PeerEngine.start(connection, config);
        }

        /**
         * Runs a peer over a connection made elsewhere, such as a {@link
         * dev.junction.transport.StreamConnection} over a child process's pipes. The peer owns the
         * connection from now on.
         */
        public RpcClient connect(Connection connection) {
            return PeerEngine.start(connection, peerConfig(null));
        }
    }
}
