package dev.junction.testkit;

import dev.junction.service.JsonRpcNotification;
import dev.junction.service.JsonRpcService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A typed service in namespace {@code typed}: the server registers {@link Impl} for it, and the
 * client calls it through {@code client.proxy(ConformanceApi.class)}.
 */
@JsonRpcService("typed")
public interface ConformanceApi {
    /** Blocking. */
    int multiply(int a, int b);

    /** Asynchronous. */
    CompletableFuture<String> shout(String text);

    /** A notification. */
    @JsonRpcNotification
    void note(String text);

    /** The server's implementation; records the notes it gets. Thread-safe. */
    final class Impl implements ConformanceApi {
        private final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public int multiply(int a, int b) {
            return a * b;
        }

        @Override
        public CompletableFuture<String> shout(String text) {
            return CompletableFuture.supplyAsync(() -> text.toUpperCase(java.util.Locale.ROOT) + "!");
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }

        /** The notes received, in arrival order. */
        public List<String> notes() {
            return notes;
        }
    }
}
