package dev.junction.engine;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A server and a connected client over mem://, closed together. */
final class MemPair implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    final RpcServer server;
    final RpcClient client;

    MemPair(UnaryOperator<Junction.ServerBuilder> serverConfig, UnaryOperator<Junction.ClientBuilder> clientConfig) {
        String uri = "mem://pair-" + COUNT.incrementAndGet();
        server = serverConfig.apply(Junction.server()).listen(uri).start();
        client = clientConfig.apply(Junction.client()).connect(uri);
    }

    static MemPair of(UnaryOperator<Junction.ServerBuilder> serverConfig) {
        return new MemPair(serverConfig, c -> c);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
