package dev.junction;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.message.Id;
import dev.junction.transport.Attributes;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.Optional;

/**
 * What a handler knows about the call it serves. A handler method asks for it by declaring a
 * parameter of this type (anywhere in its list); lambdas receive it. Valid for the duration of the
 * call; thread-safe.
 */
public interface RpcContext {
    /** The remote peer that sent this call: call or notify it back, even while serving. */
    RpcPeer peer();

    /** The method name as received. */
    String method();

    /** The request id, or null when this is a notification. */
    Id id();

    /** True when the caller expects no answer. */
    default boolean isNotification() {
        return id() == null;
    }

    /** The authenticated remote principal, if the transport or an interceptor set one. */
    Optional<Principal> principal();

    /** The remote address of the connection. */
    SocketAddress remoteAddress();

    /** The connection's attributes, shared by every call on it. */
    Attributes attributes();

    /** The mapper that binds params and results on this peer. */
    ObjectMapper mapper();

    /** True once the caller cancelled this request (or its connection closed). */
    boolean isCancelled();

    /**
     * Runs {@code action} once when the request is cancelled or its connection closes; at once if
     * that already happened. The action runs on a transport or engine thread and must not block.
     */
    void onCancel(Runnable action);
}
