package dev.junction.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The future of one outbound call. Cancelling it removes the pending call and tells the remote side
 * (through the peer's cancel notification). A blocking call waits for it with {@link #awaitDone},
 * parked, without the waiter object that {@code get()} makes. Thread-safe.
 */
final class CallFuture<T> extends CompletableFuture<T> {
    /** The longest a waiter stays parked before it looks again (a safety net: completions unpark it). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final PendingCall call;
    private volatile Thread waiter;

    CallFuture(PendingCall call) {
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wake();
        if (cancelled) {
            call.cancelledByCaller();
        }
        return cancelled;
    }

    @Override
    public boolean complete(T value) {
        boolean completed = super.complete(value);
        wake();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
        boolean completed = super.completeExceptionally(error);
        wake();
        return completed;
    }

    /**
     * Waits, parked, until this future is done. One thread at a time may wait here.
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

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
