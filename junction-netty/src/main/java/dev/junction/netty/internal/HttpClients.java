package dev.junction.netty.internal;

import dev.junction.transport.Connection;
import java.util.concurrent.CompletableFuture;

/** {@code http://} and {@code https://} clients. */
final class HttpClients {
    private HttpClients() {}

    static CompletableFuture<Connection> connect(Settings s) {
        WebSettings w = new WebSettings(s);
        HttpClientConnection connection = new HttpClientConnection(
                w, s.tls ? TlsContexts.forClient(s) : null, EventLoops.group().next());
        return connection.connect();
    }
}
