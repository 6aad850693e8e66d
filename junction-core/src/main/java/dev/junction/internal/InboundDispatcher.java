package dev.junction.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.LimitExceededException;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import dev.junction.service.RegisteredMethod;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Serves one connection's inbound requests and notifications: finds the handler, runs it inline
 * (non-blocking handlers) or on the executor within the connection's bounds, and turns its outcome
 * into an answer. Notifications run one at a time, in arrival order. Thread-safe.
 */
final class InboundDispatcher {
    private final PeerEngine peer;
    private final PeerConfig config;
    private final InboundLimiter limiter;
    private final SerialExecutor notifications;
    private final ConcurrentHashMap<Id, InboundCall> inflight = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

    InboundDispatcher(PeerEngine peer, PeerConfig config) {
        this.peer = peer;
        this.config = config;
        int running = config.ordered() ? 1 : config.limits().maxConcurrentRequests();
        this.limiter =
                new InboundLimiter(config.executor(), running, config.limits().maxQueuedRequests());
        this.notifications = new SerialExecutor(config.executor());
    }

    /** Requests accepted and not yet answered (running or queued). */
    int active() {
        return active.get();
    }

    void onRequest(Request request, Consumer<Response> reply) {
        RegisteredMethod method = config.services().lookup(request.method());
        if (method == null) {
            reply.accept(Response.failure(
                    request.id(),
                    ErrorObject.of(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method())));
            return;
        }
        InboundCall call = new InboundCall(peer, request.id(), request.method());
        active.incrementAndGet();
        if (method.nonBlocking()) {
            // Runs now, on this transport thread, which also reads any cancel for it: only a result
            // still pending when the handler returns needs to be findable (see invoke).
            invoke(method, call, request.params(), reply, false);
            return;
        }
        // Registered before it may wait in the limiter's queue, so that a cancel finds it there.
        register(call);
        try {
            call.queue(method, request.params(), reply);
            limiter.submit(call);
        } catch (LimitExceededException e) {
            active.decrementAndGet();
            unregister(call);
            reply.accept(Response.failure(
                    request.id(), ErrorObject.of(ErrorCodes.SERVER_OVERLOADED, "Server error: " + e.getMessage())));
        }
    }

    /** Runs a request queued by {@link #onRequest} (from {@link InboundCall#run}, on the executor). */
    void runQueued(InboundCall call, RegisteredMethod method, JsonNode params, Consumer<Response> reply) {
        invoke(method, call, params, reply, true);
    }

    void onNotification(Notification notification) {
        if (isCancelNotification(notification)) {
            cancelInbound(notification.params());
            return;
        }
        RegisteredMethod method = config.services().lookup(notification.method());
        if (method == null) {
            PeerEngine.log.debug("No handler for notification '{}'; dropped", notification.method());
            return;
        }
        InboundCall call = new InboundCall(peer, null, notification.method());
        if (method.nonBlocking()) {
            invoke(method, call, notification.params(), null, false);
        } else {
            notifications.execute(() -> invoke(method, call, notification.params(), null, false));
        }
    }

    private boolean isCancelNotification(Notification notification) {
        return notification.method().equals(config.cancelMethod())
                && config.services().lookupRegistered(notification.method()) == null;
    }

    private void cancelInbound(JsonNode params) {
        JsonNode idNode = params == null ? null : params.isArray() ? params.get(0) : params.get("id");
        if (idNode == null) {
            return;
        }
        Id id = idNode.isTextual()
                ? Id.of(idNode.asText())
                : idNode.isNumber() ? Id.ofNumberText(idNode.asText()) : null;
        InboundCall call = id == null ? null : inflight.get(id);
        if (call != null) {
            call.cancel();
        }
    }

    /** Cancels every request still running (the connection closed). */
    void cancelAll() {
        for (InboundCall call : inflight.values()) {
            call.cancel();
        }
    }

    /**
     * Runs the handler and answers. {@code reply} is null for a notification; {@code limited} says
     * the request holds one of the limiter's places, given back when it finishes.
     */
    private void invoke(
            RegisteredMethod method, InboundCall call, JsonNode params, Consumer<Response> reply, boolean limited) {
        if (call.isCancelled()) {
            finish(
                    call,
                    reply,
                    limited,
                    null,
                    new java.util.concurrent.CancellationException("Cancelled before it ran"));
            return;
        }
        Object result;
        try {
            result = method.handler().handle(call, params);
        } catch (Throwable t) {
            finish(call, reply, limited, null, t);
            return;
        }
        if (result instanceof CompletionStage) {
            CompletableFuture<?> future = ((CompletionStage<?>) result).toCompletableFuture();
            if (!limited && reply != null) {
                register(call); // a non-blocking handler's pending result: cancellable from now on
            }
            call.pendingResult(future);
            future.whenComplete((value, error) -> finish(call, reply, limited, value, error));
        } else {
            finish(call, reply, limited, result, null);
        }
    }

    private void register(InboundCall call) {
        Id id = call.id();
        if (id != null && !id.isNull()) {
            inflight.put(id, call);
        }
    }

    private void unregister(InboundCall call) {
        Id id = call.id();
        if (id != null) {
            inflight.remove(id, call);
        }
    }

    private void finish(InboundCall call, Consumer<Response> reply, boolean limited, Object value, Throwable error) {
        Id id = call.id();
        unregister(call);
        if (limited) {
            limiter.done();
        }
        if (error != null) {
            logFailure(call, error);
        }
        if (reply == null) {
            return;
        }
        try {
            answer(call, reply, id, value, error);
        } finally {
            // after the answer is handed to the transport: a graceful shutdown waits for this
            active.decrementAndGet();
        }
    }

    private void answer(InboundCall call, Consumer<Response> reply, Id id, Object value, Throwable error) {
        if (error != null) {
            reply.accept(Response.failure(id, ErrorMapper.toError(error, config.exposeErrorDetails())));
            return;
        }
        JsonNode tree;
        try {
            tree = toTree(value);
        } catch (IllegalArgumentException e) {
            logFailure(call, e);
            reply.accept(Response.failure(id, ErrorMapper.toError(e, config.exposeErrorDetails())));
            return;
        }
        reply.accept(Response.success(id, tree));
    }

    private JsonNode toTree(Object value) {
        return TreeValues.toTree(config.mapper(), value);
    }

    private static void logFailure(InboundCall call, Throwable error) {
        Throwable t = ErrorMapper.unwrap(error);
        if (t instanceof dev.junction.RpcException || t instanceof java.util.concurrent.CancellationException) {
            PeerEngine.log.debug("{} answered with {}", call.method(), t.getMessage());
        } else {
            PeerEngine.log.warn("Handler of '{}' failed", call.method(), t);
        }
    }
}
