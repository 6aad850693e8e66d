package dev.junction;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The outcome of each call of a batch, in the order the calls were added (notifications not
 * counted). Immutable.
 */
public final class BatchResult {
    private final List<CompletableFuture<?>> calls;

    public BatchResult(List<CompletableFuture<?>> calls) {
        this.calls = List.copyOf(calls);
    }

    /** How many calls the batch held. */
    public int size() {
        return calls.size();
    }

    /** True when call {@code index} answered with a result. */
    public boolean isSuccess(int index) {
        CompletableFuture<?> f = calls.get(index);
        return f.isDone() && !f.isCompletedExceptionally();
    }

    /**
     * The result of call {@code index}, of the type asked for when it was added.
     *
     * @throws RpcException if that call answered with an error (or another {@link
     *     JunctionException} if it failed otherwise)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(int index) {
        try {
            return (T) calls.get(index).get();
        } catch (ExecutionException e) {
            throw Futures.unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException("Interrupted", e);
        }
    }

    /**
     * The result of call {@code index} as {@code type} (saves a type witness in generic code).
     *
     * @throws RpcException if that call answered with an error
     */
    public <T> T get(int index, Class<T> type) {
        return type.cast(get(index));
    }

    /** The error of call {@code index}, or null when it succeeded. */
    public RpcException error(int index) {
        try {
            calls.get(index).join();
            return null;
        } catch (RuntimeException e) {
            RuntimeException cause = Futures.unwrap(e.getCause() == null ? e : e.getCause());
            return cause instanceof RpcException ? (RpcException) cause : null;
        }
    }
}
