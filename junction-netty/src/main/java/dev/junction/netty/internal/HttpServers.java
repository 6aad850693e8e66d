package dev.junction.netty.internal;

import dev.junction.transport.Connection;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/** {@code http://} and {@code https://} servers. */
final class HttpServers {
    private HttpServers() {}

    static void initServer(Channel ch, WebSettings w, SslContext ssl, Consumer<Connection> onAccept) {
        throw new UnsupportedOperationException("http:// is not implemented yet");
    }
}
