package dev.junction.netty;

import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What a server saw of an HTTP request that opens a WebSocket or carries an HTTP call: the method,
 * the request target, the headers (names in lower case), the remote address and the TLS session
 * ({@code wss://}, {@code https://}). Given to an {@link Authenticator}, and kept on the connection
 * as the attribute {@link NettyOptions#HANDSHAKE}. Immutable.
 *
 * @param method the HTTP method, as {@code GET} or {@code POST}
 * @param uri the request target as sent, path and query
 * @param headers every header, by lower-case name, values in the order received
 * @param remoteAddress the client's address
 * @param sslSession the TLS session, or null over plain TCP
 */
public record HandshakeInfo(
        String method,
        String uri,
        Map<String, List<String>> headers,
        SocketAddress remoteAddress,
        SSLSession sslSession) {
    public HandshakeInfo {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The TLS session, when the request came over TLS. */
    public Optional<SSLSession> tls() {
        return Optional.ofNullable(sslSession);
    }
}
