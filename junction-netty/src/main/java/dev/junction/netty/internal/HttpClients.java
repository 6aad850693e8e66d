package dev.junction.netty.internal;

import dev.junction.transport.Connection;
import java.util.concurrent.CompletableFuture;

/** {@code http://} and {@code https://} clients. */
final class HttpClients {
    private HttpClients() {}

    static CompletableFuture<Connection> connect(Settings s) {
        throw new UnsupportedOperationException("http:// is not implemented yet");
    }
}
