package dev.junction.netty;

import dev.junction.transport.Attributes;
import java.time.Duration;
import javax.net.ssl.SSLSession;

/**
 * The settings of the {@code tcp://}, {@code tls://}, {@code ws://}, {@code wss://}, {@code http://}
 * and {@code https://} transports (the TLS options apply to {@code wss} and {@code https} too). Each key is both a URI option
 * ({@code tcp://host:4000?idleTimeout=5m}) and a key for {@code
 * PeerBuilder.transportOption(key, value)}; a URI option wins over a builder setting of the same
 * key. Builder values may be strings (as in a URI), numbers, booleans, {@link Duration}s, or for
 * paths {@link java.io.File}s and {@link java.nio.file.Path}s. The README of junction-netty lists
 * every option with its default.
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a bare number of
 * milliseconds.
 */
public final class NettyOptions {
    /** Most connections a listener holds at once; more are closed on accept (default 10,000). */
    public static final String MAX_CONNECTIONS = "maxConnections";
    /** Once bytes of a frame have arrived, the frame must complete within this time (default 30 s; 0: none). */
    public static final String FRAME_TIMEOUT = "frameTimeout";
    /** A connection with no traffic either way for this long is closed (default 0: never). */
    public static final String IDLE_TIMEOUT = "idleTimeout";
    /** How long connecting may take; overrides the builder's connectTimeout when given. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** Client: reconnect when the link drops, keeping the connection open (default false). */
    public static final String RECONNECT = "reconnect";
    /** Client: the first reconnect delay; doubled on each failure (default 100 ms). */
    public static final String RECONNECT_INITIAL_DELAY = "reconnectInitialDelay";
    /** Client: the longest reconnect delay (default 30 s). */
    public static final String RECONNECT_MAX_DELAY = "reconnectMaxDelay";
    /** Client: while the link is down, frames wait for it (true, default) or fail at once (false). */
    public static final String WAIT_FOR_LINK = "waitForLink";

    /** TLS: the certificate chain, a PEM file. */
    public static final String CERT = "cert";
    /** TLS: the private key, a PKCS#8 PEM file. */
    public static final String KEY = "key";
    /** TLS: the password of an encrypted {@link #KEY}. */
    public static final String KEY_PASSWORD = "keyPassword";
    /** TLS: trusted CA certificates, a PEM file (client: to verify the server; server: to verify clients). */
    public static final String TRUST = "trust";
    /** TLS server: {@code none} (default), {@code optional} or {@code require} a client certificate. */
    public static final String CLIENT_AUTH = "clientAuth";
    /** TLS: a key store holding the certificate and key (instead of {@link #CERT} and {@link #KEY}). */
    public static final String KEY_STORE = "keyStore";
    /** TLS: the password of {@link #KEY_STORE} (also used for the key in it). */
    public static final String KEY_STORE_PASSWORD = "keyStorePassword";
    /** TLS: the type of {@link #KEY_STORE} (default PKCS12). */
    public static final String KEY_STORE_TYPE = "keyStoreType";
    /** TLS: a key store of trusted certificates (instead of {@link #TRUST}). */
    public static final String TRUST_STORE = "trustStore";
    /** TLS: the password of {@link #TRUST_STORE}. */
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    /** TLS: the type of {@link #TRUST_STORE} (default PKCS12). */
    public static final String TRUST_STORE_TYPE = "trustStoreType";
    /** TLS client: trust any server certificate; for tests and debugging only (default false). */
    public static final String INSECURE = "insecure";
    /** TLS: the protocols enabled, comma-separated, as {@code TLSv1.3,TLSv1.2} (default: the provider's). */
    public static final String PROTOCOLS = "protocols";
    /** TLS: {@code jdk} or {@code openssl} (default: openssl when netty-tcnative is available). */
    public static final String TLS_PROVIDER = "tlsProvider";
    /** TLS client: check that the server certificate names the host connected to (default true). */
    public static final String HOSTNAME_VERIFICATION = "hostnameVerification";

    /**
     * Builder only: a ready-made {@code io.netty.handler.ssl.SslContext} (client or server as fits),
     * used instead of the TLS options above.
     */
    public static final String SSL_CONTEXT = "sslContext";

    /** WebSocket and HTTP: the subprotocol the client asks for, or the comma-separated ones the server accepts. */
    public static final String SUBPROTOCOL = "subprotocol";
    /** WebSocket: permessage-deflate (default true: the server accepts it, the client offers it). */
    public static final String COMPRESSION = "compression";
    /** WebSocket: send a ping after this long without one (default 30 s; 0: never). */
    public static final String PING_INTERVAL = "pingInterval";
    /** WebSocket: close a peer that sends nothing for this long after a ping (default 30 s). */
    public static final String PING_TIMEOUT = "pingTimeout";
    /**
     * WebSocket and HTTP clients: extra request headers, a {@code Map<String, String>} (builder only;
     * in a URI, {@code header.NAME=value}).
     */
    public static final String HEADERS = "headers";
    /** WebSocket and HTTP clients: the user of HTTP Basic credentials (with {@link #PASSWORD}). */
    public static final String USER = "user";
    /** WebSocket and HTTP clients: the password of HTTP Basic credentials. */
    public static final String PASSWORD = "password";
    /** WebSocket and HTTP clients: a Bearer token sent as {@code Authorization: Bearer TOKEN}. */
    public static final String TOKEN = "token";
    /** WebSocket and HTTP servers (builder only): an {@link Authenticator}; a refusal answers 401. */
    public static final String AUTHENTICATOR = "authenticator";
    /**
     * WebSocket and HTTP servers: origins allowed, {@code *} or a comma-separated list (default: no
     * CORS headers, any origin). HTTP answers preflights and sets CORS headers; a WebSocket upgrade
     * from another origin is refused with 403.
     */
    public static final String CORS = "cors";
    /** HTTP client: most HTTP connections to the server at once, one call (POST) on each (default 32); more calls wait. */
    public static final String POOL_SIZE = "poolSize";

    /** The connection attribute holding the TLS session of a {@code tls://} connection. */
    public static final Attributes.Key<SSLSession> SSL_SESSION = Attributes.Key.of("netty.sslSession");

    /** The connection attribute holding the HTTP request that opened a WebSocket or carried an HTTP call (servers). */
    public static final Attributes.Key<HandshakeInfo> HANDSHAKE = Attributes.Key.of("netty.handshake");

    /** The connection attribute holding the {@link WebSocketSession} of a {@code ws://} or {@code wss://} connection. */
    public static final Attributes.Key<WebSocketSession> WEB_SOCKET = Attributes.Key.of("netty.webSocket");

    private NettyOptions() {}

    /**
     * Parses a duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a bare number of
     * milliseconds.
     *
     * @throws IllegalArgumentException naming {@code option} when the text is not a duration
     */
    public static Duration parseDuration(String option, String text) {
        return dev.junction.transport.Endpoint.parseDuration(option, text);
    }
}
