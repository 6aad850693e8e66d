package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Which socket each scheme makes, on the connecting side and on the listening side. */
public final class ZmqTransports {
    public static final Set<String> SCHEMES =
            Set.of("zmq-router", "zmq-dealer", "zmq-rep", "zmq-req", "zmq-pull", "zmq-push", "zmq-sub", "zmq-pub");

    private ZmqTransports() {}

    public static CompletableFuture<Connection> connect(Endpoint endpoint, TransportOptions options) {
        try {
            switch (endpoint.scheme()) {
                case "zmq-dealer":
                    return CompletableFuture.completedFuture(
                            DealerConnection.open(new ZmqSettings(endpoint, options, false)));
                case "zmq-req":
                    return CompletableFuture.completedFuture(
                            ReqConnection.open(new ZmqSettings(endpoint, options, false)));
                case "zmq-push":
                    return CompletableFuture.completedFuture(
                            PushConnection.open(new ZmqSettings(endpoint, options, false)));
                case "zmq-pub":
                    return CompletableFuture.completedFuture(
                            PubConnection.open(new ZmqSettings(endpoint, options, true)));
                default:
                    throw wrongSide(endpoint, "listen on (Junction.server().listen(...))");
            }
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new TransportException("Cannot connect to " + endpoint + ": " + e.getMessage(), e));
        }
    }

    public static Listener listen(Endpoint endpoint, TransportOptions options, Consumer<Connection> onAccept) {
        switch (endpoint.scheme()) {
            case "zmq-router":
                return new RouterListener(new ZmqSettings(endpoint, options, true), false, onAccept);
            case "zmq-rep":
                return new RouterListener(new ZmqSettings(endpoint, options, true), true, onAccept);
            case "zmq-pull":
                return new PullListener(new ZmqSettings(endpoint, options, true), onAccept);
            case "zmq-sub":
                return new SubListener(new ZmqSettings(endpoint, options, false), onAccept);
            default:
                throw wrongSide(endpoint, "connect to (Junction.connect(...))");
        }
    }

    private static IllegalArgumentException wrongSide(Endpoint endpoint, String what) {
        return new IllegalArgumentException(
                endpoint.scheme() + ":// is an endpoint to " + what + ", not this side: " + endpoint);
    }
}
