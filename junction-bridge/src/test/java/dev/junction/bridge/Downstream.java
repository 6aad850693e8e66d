package dev.junction.bridge;

import dev.junction.Junction;
import dev.junction.RpcServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A downstream for buffered-bridge tests: its method {@code work(i)} answers {@code i * 2} and
 * records every delivery it sees (the value and the request id), and the values of the first
 * delivery of each id, which is what a downstream that deduplicates on the bridge's delivery ids
 * acts on. Notifications {@code note(i)} are recorded too. Can be stopped and started again on the
 * same URI. Thread-safe.
 */
final class Downstream implements AutoCloseable {
    private final String uri;
    private final List<Integer> raw = new ArrayList<>();
    private final List<String> rawIds = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private final List<Integer> deduplicated = new ArrayList<>();
    private final List<Integer> notes = new ArrayList<>();
    private RpcServer server;

    Downstream(String uri) {
        this.uri = uri;
    }

    synchronized Downstream start() {
        server = Junction.server()
                .method("work", (context, params) -> {
                    int i = params.get(0).asInt();
                    record(
                            i,
                            context.id().isString()
                                    ? context.id().text()
                                    : context.id().toString());
                    return i * 2;
                })
                .method("note", (context, params) -> {
                    synchronized (this) {
                        notes.add(params.get(0).asInt());
                    }
                    return null;
                })
                .listen(uri)
                .start();
        return this;
    }

    private synchronized void record(int i, String id) {
        raw.add(i);
        rawIds.add(id);
        if (seenIds.add(id)) {
            deduplicated.add(i);
        }
    }

    synchronized String uri() {
        return server.endpoints().get(0).toString();
    }

    synchronized void stop() {
        server.close();
    }

    synchronized List<Integer> raw() {
        return new ArrayList<>(raw);
    }

    synchronized List<String> rawIds() {
        return new ArrayList<>(rawIds);
    }

    synchronized List<Integer> deduplicated() {
        return new ArrayList<>(deduplicated);
    }

    synchronized int deduplicatedCount() {
        return deduplicated.size();
    }

    synchronized List<Integer> notes() {
        return new ArrayList<>(notes);
    }

    /**
     * Checks that every delivery seen twice or more was the same message under the same id (a
     * redelivery after the link dropped before the answer came back), and returns how many there were.
     */
    synchronized int redeliveries() {
        java.util.Map<String, Integer> valueById = new java.util.HashMap<>();
        int again = 0;
        for (int k = 0; k < raw.size(); k++) {
            Integer before = valueById.putIfAbsent(rawIds.get(k), raw.get(k));
            if (before != null) {
                if (!before.equals(raw.get(k))) {
                    throw new AssertionError("id " + rawIds.get(k) + " carried " + before + " and " + raw.get(k));
                }
                again++;
            }
        }
        return again;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
