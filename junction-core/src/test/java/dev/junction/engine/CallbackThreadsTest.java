package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.service.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads of user code around outbound calls: the dependents of a {@code callAsync} future and
 * blocking handlers never run on the transport's thread (over mem://, threads named {@code
 * junction-mem-}) unless the client asked for direct callbacks.
 */
class CallbackThreadsTest {
    private static final String TRANSPORT = "junction-mem-";

    /** The server holds every answer until {@code gate} completes. */
    private static MemPair pair(boolean direct, CompletableFuture<Void> gate) {
        Services services = Services.builder()
                .nonBlockingMethod("echo", (ctx, params) -> gate.thenApply(x -> params.get(0)))
                .build();
        return new MemPair(s -> s.services(services), c -> c.directCallbacks(direct));
    }

    /** Makes 128 calls at once and registers dependents on each before the answers come, in a burst. */
    private static Set<String> dependentThreads(boolean direct) throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (MemPair pair = pair(direct, gate)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> held = new CompletableFuture<>();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                CompletableFuture<String> call = pair.client.callAsync("echo", String.class, "m" + i);
                all.add(call.thenApply(v -> record(threads, v)));
                all.add(call.whenComplete((v, e) -> record(threads, v)));
                all.add(call.thenAccept(v -> record(threads, v)));
                all.add(call.handle((v, e) -> record(threads, v)));
                all.add(call.thenCompose(v -> CompletableFuture.completedFuture(record(threads, v))));
                all.add(held.thenCombine(call, (w, v) -> record(threads, v)));
            }
            held.complete(null);
            gate.complete(null);
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
            return threads;
        }
    }

    private static String record(Set<String> threads, String value) {
        threads.add(Thread.currentThread().getName());
        return value;
    }

    @Test
    void dependentsOfAsyncCallsNeverRunOnTheTransportThread() throws Exception {
        assertThat(dependentThreads(false)).isNotEmpty().noneMatch(name -> name.startsWith(TRANSPORT));
    }

    @Test
    void withDirectCallbacksTheyRunOnTheTransportThread() throws Exception {
        assertThat(dependentThreads(true)).anyMatch(name -> name.startsWith(TRANSPORT));
    }

    @Test
    void blockingHandlersNeverRunOnTheTransportThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (MemPair pair = MemPair.of(s -> s.method("where", (ctx, params) -> {
            threads.add(Thread.currentThread().getName());
            return "here";
        }))) {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pair.client.callAsync("where", String.class));
            }
            calls.forEach(CompletableFuture::join);
            assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith(TRANSPORT));
        }
    }
}
