package dev.junction.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The future of one outbound call. Cancelling it removes the pending call and tells the remote side
 * (through the peer's cancel notification). Thread-safe.
 */
final class CallFuture<T> extends CompletableFuture<T> {
    private volatile Consumer<CallFuture<T>> onCancel;

    void onCancel(Consumer<CallFuture<T>> action) {
        this.onCancel = action;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Consumer<CallFuture<T>> action = onCancel;
        if (cancelled && action != null) {
            action.accept(this);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
