package dev.junction.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.message.Id;
import java.time.Duration;

/**
 * One outbound call awaiting its answer. It is also, so that a call allocates no more objects than
 * it needs, its own deadline task, the handler of a failure to send it, and the task that completes
 * its future on the executor. Final fields are set before the call is published.
 */
final class PendingCall extends DeadlineTimer.Task implements Runnable, PeerEngine.SendFailure {
    final Id id;
    final String method;
    final JavaType resultType;
    final CallFuture<Object> future;
    final Duration timeout;
    final boolean direct;
    private final PendingCalls owner;
    // the outcome, handed to the executor with the call itself (published by Executor.execute)
    JsonNode result;
    Throwable error;

    PendingCall(PendingCalls owner, Id id, String method, JavaType resultType, Duration timeout, boolean direct) {
        this.owner = owner;
        this.id = id;
        this.method = method;
        this.resultType = resultType;
        this.future = new CallFuture<>(this);
        this.timeout = timeout;
        this.direct = direct;
    }

    @Override
    protected void expire() {
        owner.expire(this);
    }

    /** Settles the future with the outcome stored in {@link #result} and {@link #error}. */
    @Override
    public void run() {
        owner.settle(this, result, error);
    }

    /** The call could not be sent. */
    @Override
    public void failed(Throwable cause) {
        owner.fail(id, cause);
    }

    void cancelledByCaller() {
        owner.cancelled(this);
    }
}
