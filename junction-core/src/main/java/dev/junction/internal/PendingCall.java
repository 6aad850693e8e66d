package dev.junction.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.message.Id;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One outbound call awaiting its answer. It is also, so that a call allocates no more objects than
 * it needs, the caller's future (cancelling it removes the call and tells the remote side through
 * the peer's cancel notification), its own deadline task, the handler of a failure to send it, and
 * the task that completes the future on the executor (queued in its connection's {@link
 * CompletionQueue}). A blocking call waits for it with {@link
 * #awaitDone}, parked, without the waiter object that {@code get()} makes. Final fields are set
 * before the call is published. Thread-safe.
 */
final class PendingCall extends DeadlineTimer.Task implements Runnable, PeerEngine.SendFailure {
    /** The longest a waiter stays parked before it looks again (a safety net: completions unpark it). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    final Id id;
    final String method;
    final JavaType resultType;
    final Duration timeout;
    final boolean direct;
    private final PendingCalls owner;
    // the outcome, handed to the executor with the call itself (published by the CompletionQueue lock)
    JsonNode result;
    Throwable error;
    /** The next call in its connection's {@link CompletionQueue}; guarded by that queue. */
    PendingCall nextCompletion;

    private volatile Thread waiter;

    PendingCall(PendingCalls owner, Id id, String method, JavaType resultType, Duration timeout, boolean direct) {
        this.owner = owner;
        this.id = id;
        this.method = method;
        this.resultType = resultType;
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

    // ---- the caller's future ----

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wake();
        if (cancelled) {
            owner.cancelled(this);
        }
        return cancelled;
    }

    @Override
    public boolean complete(Object value) {
        boolean completed = super.complete(value);
        wake();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        wake();
        return completed;
    }

    /**
     * Waits, parked, until the future is done. One thread at a time may wait here.
     *
     * @return false if the thread was interrupted first (its interrupt status is then cleared)
     */
    boolean awaitDone() {
        if (isDone()) {
            return true;
        }
        waiter = Thread.currentThread();
        try {
            while (!isDone()) {
                if (Thread.interrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    private void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Futures derived from this one are plain: cancelling them does not cancel the call. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
