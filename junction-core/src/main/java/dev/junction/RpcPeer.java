package dev.junction;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.junction.transport.Attributes;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One end of a JSON-RPC connection, which can call the other end and be called by it. A client is
 * a peer you connected ({@link RpcClient}); a server makes one per accepted connection, which
 * handlers reach through {@link RpcContext#peer()}.
 *
 * <p>Thread-safe: any thread may call, notify and close at any time, with any number of calls in
 * flight. Every call ends: with its answer, at its deadline ({@link DeadlineExceededException}), or
 * when the connection closes ({@link ConnectionClosedException}). Blocking calls throw the typed
 * exception directly; async calls complete their future exceptionally with it. Cancelling an async
 * call's future tells the remote side (see {@code cancelMethod} on the builders).
 *
 * <p>Params are varargs read by {@link Params#fromArgs}: {@code call("sum", int.class, 1, 2)} sends
 * {@code [1, 2]}; pass {@link Params#named} for named params.
 */
public interface RpcPeer extends AutoCloseable {
    /** Calls and waits for the answer, bound to {@code resultType}. */
    <T> T call(String method, Class<T> resultType, Object... params);

    /** Calls and waits for the answer, bound to a generic type such as {@code List<User>}. */
    <T> T call(String method, TypeReference<T> resultType, Object... params);

    /** Calls without waiting. */
    <T> CompletableFuture<T> callAsync(String method, Class<T> resultType, Object... params);

    /** Calls without waiting, for a generic result type. */
    <T> CompletableFuture<T> callAsync(String method, TypeReference<T> resultType, Object... params);

    /** Calls without waiting, for any reflected result type (used by typed proxies). */
    <T> CompletableFuture<T> callAsync(String method, Type resultType, Params params);

    /**
     * Sends a notification (no answer comes back).
     *
     * @throws ConnectionClosedException if the connection is closed
     */
    void notify(String method, Object... params);

    /** Starts a batch: several calls and notifications sent as one message. */
    BatchBuilder batch();

    /**
     * A typed client for {@code iface}: each method call becomes an RPC call named after the method
     * (or its {@code @JsonRpcMethod} name) in the interface's {@code @JsonRpcService} namespace.
     * Methods returning {@code CompletableFuture}/{@code CompletionStage} are asynchronous; methods
     * annotated {@code @JsonRpcNotification} send notifications.
     */
    <T> T proxy(Class<T> iface);

    /** A view of this peer whose calls have {@code timeout} as their deadline. */
    RpcPeer withTimeout(Duration timeout);

    /** The deadline applied to calls made through this view. */
    Duration timeout();

    /** The remote end's address. */
    SocketAddress remoteAddress();

    /** The authenticated remote principal, if any. */
    Optional<Principal> principal();

    /** The connection's attributes. */
    Attributes attributes();

    /** How many outbound calls await their answers now (a metric; every call ends eventually). */
    int pendingCalls();

    /** True until the connection starts closing. */
    boolean isOpen();

    /** Completes when the connection has closed. */
    CompletableFuture<Void> closeFuture();

    /** Closes the connection; pending calls fail with {@link ConnectionClosedException}. */
    @Override
    void close();
}
