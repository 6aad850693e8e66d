package dev.junction;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for waiting on futures and rethrowing their typed failures. */
final class Futures {
    private Futures() {}

    /** Waits for {@code future}, rethrowing its failure as the typed unchecked exception. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new JunctionException("Interrupted while waiting for a call", e);
        }
    }

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException) {
            return (CancellationException) t;
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        return new JunctionException(String.valueOf(t), t);
    }
}
