package dev.junction.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The future of one outbound call. Cancelling it removes the pending call and tells the remote side
 * (through the peer's cancel notification). Thread-safe.
 */
final class CallFuture<T> extends CompletableFuture<T> {
    private final PendingCall call;

    CallFuture(PendingCall call) {
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            call.cancelledByCaller();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
