package dev.junction;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.concurrent.CompletableFuture;

/**
 * Collects calls and notifications to send as one batch. Each {@code call} returns the future of
 * that call's own result; {@link #send()} sends the batch and waits for every answer. Not
 * thread-safe; use once.
 */
public interface BatchBuilder {
    /** Adds a call; its future completes with the result or fails with that member's error. */
    <T> CompletableFuture<T> call(String method, Class<T> resultType, Object... params);

    /** Adds a call with a generic result type. */
    <T> CompletableFuture<T> call(String method, TypeReference<T> resultType, Object... params);

    /** Adds a notification. */
    BatchBuilder notify(String method, Object... params);

    /**
     * Sends the batch and waits until every call in it has its answer (or the deadline passes).
     *
     * @return the outcome of each call, in the order added
     * @throws IllegalStateException if the batch is empty or was already sent
     */
    BatchResult send();

    /** Sends the batch without waiting. */
    CompletableFuture<BatchResult> sendAsync();
}
