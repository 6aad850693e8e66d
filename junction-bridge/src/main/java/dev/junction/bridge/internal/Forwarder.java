package dev.junction.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Params;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.RpcPeer;
import dev.junction.service.MethodHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what it serves, unbuffered: a request becomes a call on the target peer with the same
 * name and the params as received (the target's engine gives it its own id, so answers of
 * concurrent callers cannot cross), and the target's answer goes back verbatim: its result, or its
 * error's code, message and data. A notification becomes a notification. Cancelling the inbound
 * request cancels the outbound call. When the target cannot be reached or does not answer in time,
 * the request is answered with {@link dev.junction.bridge.Bridge#DOWNSTREAM_UNAVAILABLE}.
 * Thread-safe.
 */
public final class Forwarder implements MethodHandler {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final String to;
    private final Function<RpcContext, RpcPeer> target;
    private final Counters counters;
    private final boolean notifyOnly;

    /**
     * @param to the target's URI, for error messages
     * @param target the peer to forward a given inbound call to; may connect, and throws {@link
     *     dev.junction.TransportException} when it cannot
     * @param notifyOnly forward requests as notifications too, answering them {@code {"accepted":
     *     true}} once written (for targets that cannot answer, such as PUB sockets)
     */
    public Forwarder(String to, Function<RpcContext, RpcPeer> target, Counters counters, boolean notifyOnly) {
        this.to = to;
        this.target = target;
        this.counters = counters;
        this.notifyOnly = notifyOnly;
    }

    @Override
    public Object handle(RpcContext context, JsonNode params) {
        RpcPeer peer;
        try {
            peer = target.apply(context);
        } catch (RuntimeException e) {
            return unavailable(context, e);
        }
        Params raw = params == null ? Params.none() : Params.ofTree(params);
        if (context.isNotification() || notifyOnly) {
            try {
                peer.notify(context.method(), raw);
                counters.forwarded.incrementAndGet();
            } catch (RuntimeException e) {
                return unavailable(context, e);
            }
            return context.isNotification() ? null : Buffer.accepted(null);
        }
        CompletableFuture<JsonNode> call = peer.callAsync(context.method(), JsonNode.class, raw);
        context.onCancel(() -> call.cancel(true));
        return call.handle((result, error) -> {
            if (error == null) {
                counters.forwarded.incrementAndGet();
                return result;
            }
            Throwable cause = BridgeErrors.unwrap(error);
            if (cause instanceof RpcException) {
                counters.forwarded.incrementAndGet();
                throw new CompletionException(cause);
            }
            counters.failed.incrementAndGet();
            throw new CompletionException(BridgeErrors.unavailable(to, cause));
        });
    }

    private Object unavailable(RpcContext context, RuntimeException e) {
        counters.failed.incrementAndGet();
        if (context.isNotification()) {
            log.warn("Bridge: notification '{}' not forwarded to {}: {}", context.method(), to, e.getMessage());
            return null;
        }
        throw BridgeErrors.unavailable(to, e);
    }
}
