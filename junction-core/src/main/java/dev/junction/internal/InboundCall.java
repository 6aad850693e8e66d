package dev.junction.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.RpcContext;
import dev.junction.RpcPeer;
import dev.junction.message.Id;
import dev.junction.message.Response;
import dev.junction.service.RegisteredMethod;
import dev.junction.transport.Attributes;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The context of one inbound request or notification while it is served. It is also, so that a
 * request allocates no more objects than it needs, the task that runs the handler on the executor
 * ({@link #queue}). Thread-safe.
 */
final class InboundCall implements RpcContext, Runnable {
    private final PeerEngine peer;
    private final Id id;
    private final String method;
    private List<Runnable> cancelActions; // made on the first onCancel
    private boolean cancelled;
    private volatile CompletableFuture<?> pendingResult;
    // What run() invokes, set by queue() before the call is handed to the executor (which publishes it).
    private RegisteredMethod handler;
    private JsonNode params;
    private Consumer<Response> reply;

    InboundCall(PeerEngine peer, Id id, String method) {
        this.peer = peer;
        this.id = id;
        this.method = method;
    }

    /** Makes this call the task that runs {@code handler} with {@code params} through its peer's dispatcher. */
    void queue(RegisteredMethod handler, JsonNode params, Consumer<Response> reply) {
        this.handler = handler;
        this.params = params;
        this.reply = reply;
    }

    /** Runs the handler set by {@link #queue}, on the executor, within the limiter's bounds. */
    @Override
    public void run() {
        peer.dispatcher().runQueued(this, handler, params, reply);
    }

    @Override
    public RpcPeer peer() {
        return peer;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Id id() {
        return id;
    }

    @Override
    public Optional<Principal> principal() {
        return peer.principal();
    }

    @Override
    public SocketAddress remoteAddress() {
        return peer.remoteAddress();
    }

    @Override
    public Attributes attributes() {
        return peer.attributes();
    }

    @Override
    public ObjectMapper mapper() {
        return peer.mapper();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                if (cancelActions == null) {
                    cancelActions = new ArrayList<>(2);
                }
                cancelActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** The future a handler returned, cancelled along with the call. */
    void pendingResult(CompletableFuture<?> future) {
        this.pendingResult = future;
        if (isCancelled()) {
            future.cancel(true);
        }
    }

    void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = cancelActions;
            cancelActions = null;
        }
        for (Runnable action : actions == null ? List.<Runnable>of() : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                PeerEngine.log.warn("A cancel action of {} failed", method, e);
            }
        }
        CompletableFuture<?> future = pendingResult;
        if (future != null) {
            future.cancel(true);
        }
    }
}
