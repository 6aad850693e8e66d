package dev.junction.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.CodecException;
import dev.junction.DeadlineExceededException;
import dev.junction.LimitExceededException;
import dev.junction.RpcException;
import dev.junction.message.Id;
import dev.junction.message.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The table of one peer's outbound calls awaiting answers: id allocation, deadlines, correlation of
 * answers, and failing everything when the connection closes. Thread-safe: answers arrive on the
 * transport thread, deadlines fire on the timer thread, calls are made from any thread.
 *
 * <p>Every call leaves the table exactly once (answer, deadline, cancel or close), decided by
 * {@code ConcurrentHashMap.remove}; whoever removes it completes its future.
 */
final class PendingCalls {
    private final ConcurrentHashMap<Id, PendingCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final PeerConfig config;
    private final Consumer<PendingCall> onDeadline;
    private final Consumer<PendingCall> onCancel;
    private final CompletionQueue completions;

    /**
     * @param onDeadline told (on the timer thread) of each call whose deadline passed
     * @param onCancel told of each call whose caller cancelled its future
     */
    PendingCalls(PeerConfig config, Consumer<PendingCall> onDeadline, Consumer<PendingCall> onCancel) {
        this.config = config;
        this.onDeadline = onDeadline;
        this.onCancel = onCancel;
        this.completions = new CompletionQueue(config.executor());
    }

    /** Allocates an id and registers a call. @throws LimitExceededException past maxPendingCalls */
    PendingCall register(String method, JavaType resultType, Duration timeout, boolean direct) {
        if (calls.size() >= config.limits().maxPendingCalls()) {
            throw new LimitExceededException(
                    "More than " + config.limits().maxPendingCalls() + " calls awaiting answers on this connection",
                    "maxPendingCalls");
        }
        return putWithFreeId(method, resultType, timeout, direct);
    }

    /**
     * Registers a new call under the next id that no call awaiting an answer holds. Its deadline is
     * armed before it is published, so that whoever removes it can always cancel it.
     */
    private PendingCall putWithFreeId(String method, JavaType resultType, Duration timeout, boolean direct) {
        boolean timed = !timeout.isZero() && !timeout.isNegative();
        while (true) {
            PendingCall call = new PendingCall(this, nextId(), method, resultType, timeout, direct);
            if (timed) {
                config.timer().schedule(call, timeout.toNanos());
            }
            if (calls.putIfAbsent(call.id, call) == null) {
                return call;
            }
            call.cancel();
        }
    }

    private Id nextId() {
        if (config.idGenerator() == null) {
            return Id.of(nextId.incrementAndGet());
        }
        Id id = config.idGenerator().next();
        if (id == null || id.isNull()) {
            throw new IllegalStateException("The IdGenerator returned a null id");
        }
        return id;
    }

    /** The call's deadline passed (on the timer thread). */
    void expire(PendingCall call) {
        if (calls.remove(call.id, call)) {
            complete(call, null, new DeadlineExceededException(call.method, call.timeout));
            onDeadline.accept(call);
        }
    }

    void cancelled(PendingCall call) {
        onCancel.accept(call);
    }

    /** Removes a call without completing it (it was cancelled by its caller). */
    boolean remove(PendingCall call) {
        if (calls.remove(call.id, call)) {
            cancelDeadline(call);
            return true;
        }
        return false;
    }

    /** Completes the call {@code response} answers. @return false if no such call is pending */
    boolean answer(Response response) {
        PendingCall call = calls.remove(response.id());
        if (call == null) {
            return false;
        }
        cancelDeadline(call);
        if (response.isError()) {
            complete(call, null, new RpcException(response.error()));
        } else {
            complete(call, response.result(), null);
        }
        return true;
    }

    /** Fails one call, if still pending. */
    boolean fail(Id id, Throwable error) {
        PendingCall call = calls.remove(id);
        if (call == null) {
            return false;
        }
        cancelDeadline(call);
        complete(call, null, error);
        return true;
    }

    /** Fails every pending call at once. */
    void failAll(Throwable error) {
        List<PendingCall> all = new ArrayList<>(calls.values());
        for (PendingCall call : all) {
            if (calls.remove(call.id, call)) {
                cancelDeadline(call);
                complete(call, null, error);
            }
        }
    }

    int size() {
        return calls.size();
    }

    private static void cancelDeadline(PendingCall call) {
        call.cancel();
    }

    private void complete(PendingCall call, JsonNode result, Throwable error) {
        if (call.direct || config.directCallbacks()) {
            settle(call, result, error);
        } else {
            call.result = result;
            call.error = error;
            completions.add(call); // settled on the executor, or here if it refuses
        }
    }

    void settle(PendingCall call, JsonNode result, Throwable error) {
        call.result = null;
        call.error = null;
        if (error != null) {
            call.completeExceptionally(error);
            return;
        }
        Object value;
        try {
            value = bind(result, call.resultType);
        } catch (IllegalArgumentException e) {
            call.completeExceptionally(new CodecException(
                    "The answer to '" + call.method + "' does not bind to " + call.resultType.toCanonical() + ": "
                            + e.getMessage(),
                    e));
            return;
        }
        call.complete(value);
    }

    private Object bind(JsonNode result, JavaType type) {
        return TreeValues.fromTree(config.mapper(), result, type);
    }
}
