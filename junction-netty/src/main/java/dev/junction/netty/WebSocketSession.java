package dev.junction.netty;

/**
 * The WebSocket under a {@code ws://} or {@code wss://} connection, as the connection attribute
 * {@link NettyOptions#WEB_SOCKET} ({@code ctx.attributes().get(NettyOptions.WEB_SOCKET)} in a
 * handler). Thread-safe.
 */
public interface WebSocketSession {
    /** The subprotocol agreed in the handshake, or null. */
    String subprotocol();

    /**
     * Closes the connection with a close code and reason (RFC 6455 section 7.4: 1000 normal, 1001
     * going away, 1008 policy violation, 4000-4999 private use); frames already queued are written
     * first. Idempotent.
     */
    void close(int code, String reason);
}
