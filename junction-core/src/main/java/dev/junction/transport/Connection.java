package dev.junction.transport;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One bidirectional link that moves whole frames (one encoded message or batch each). Made by a
 * {@link TransportProvider}, owned by whoever asked for it (a client, or a server's peer).
 *
 * <p>Thread-safety: {@link #send} may be called from any thread; frames go out in the order the
 * calls were made. Inbound frames reach the {@link ConnectionHandler} given to {@link #start} one at
 * a time, in order, on a transport thread that must not be blocked.
 */
public interface Connection {
    /**
     * Begins delivering inbound frames and events to {@code handler}. Called exactly once; nothing is
     * lost between the connection being made and this call.
     */
    void start(ConnectionHandler handler);

    /**
     * Queues one frame for sending. The array is owned by the connection from now on.
     *
     * @return completes when the frame is written, or exceptionally with a {@link
     *     dev.junction.TransportException} when it cannot be
     */
    CompletableFuture<Void> send(byte[] frame);

    /** True until the connection starts closing. */
    boolean isOpen();

    /** Closes the connection; idempotent. The handler then receives {@link ConnectionHandler#onClose}. */
    void close();

    /** Completes once the connection is closed, whatever closed it. */
    CompletableFuture<Void> closeFuture();

    /** The remote end's address; for in-memory connections a {@link MemAddress}. */
    SocketAddress remoteAddress();

    /** The local end's address. */
    SocketAddress localAddress();

    /** The authenticated remote principal (a verified client certificate, a login), if any. */
    default Optional<Principal> principal() {
        return Optional.empty();
    }

    /**
     * Whether this end may start exchanges: send calls and notifications of its own, not only
     * answers. False for the server end of an HTTP request, which carries exactly one answer; the
     * engine then fails such calls and notifications at once with a {@link
     * dev.junction.TransportException} instead of sending them.
     */
    default boolean canInitiate() {
        return true;
    }

    /** Attributes of this connection, shared by the transport, the engine and handlers. */
    Attributes attributes();
}
