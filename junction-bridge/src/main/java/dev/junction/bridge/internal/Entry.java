package dev.junction.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted message in a buffered bridge's queue: its sequence number (its place in the order of
 * delivery, unique within the journal), name, raw params, whether it is a request, and the futures
 * of the caller that waits for it (absent for notifications and for messages restored from a
 * journal). Immutable but for those futures.
 */
final class Entry {
    final long seq;
    final String method;
    final JsonNode params;
    final boolean request;
    /** Completes when the entry is accepted (queued; with a journal, on disk). */
    final CompletableFuture<Void> accepted = new CompletableFuture<>();
    /** The downstream's answer for a waiting caller, or null when nobody waits for one. */
    final CompletableFuture<Object> answer;

    Entry(long seq, String method, JsonNode params, boolean request, boolean someoneWaits) {
        this.seq = seq;
        this.method = method;
        this.params = params;
        this.request = request;
        this.answer = someoneWaits ? new CompletableFuture<>() : null;
    }

    /** Tells a waiting caller (if any) that its request ended with {@code error}. */
    void fail(Throwable error) {
        accepted.completeExceptionally(error);
        if (answer != null) {
            answer.completeExceptionally(error);
        }
    }
}
