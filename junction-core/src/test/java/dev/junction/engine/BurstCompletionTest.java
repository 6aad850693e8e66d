package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.service.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Completions of calls answered in one burst, which the client hands to its executor together:
 * a callback that blocks on another call of the same burst does not deadlock, every call settles
 * once with its own answer, and an executor that refuses work still gets every call settled.
 */
class BurstCompletionTest {
    /** The server holds every answer until {@code gate} completes, then sends them all at once. */
    private static Services heldEcho(CompletableFuture<Void> gate, CountDownLatch received) {
        return Services.builder()
                .nonBlockingMethod("echo", (ctx, params) -> {
                    received.countDown();
                    return gate.thenApply(x -> params.get(0));
                })
                .build();
    }

    /** Holds the tasks it is given until {@link #release}, then runs them (and later ones) on a pool. */
    private static final class HeldExecutor implements Executor {
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final List<Runnable> held = new ArrayList<>();
        private boolean released;

        @Override
        public synchronized void execute(Runnable task) {
            if (released) {
                pool.execute(task);
            } else {
                held.add(task);
            }
        }

        synchronized void release() {
            released = true;
            held.forEach(pool::execute);
            held.clear();
        }

        void shutdown() {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallbackJoiningACallAnsweredInTheSameBurstDoesNotDeadlock() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch received = new CountDownLatch(2);
        HeldExecutor executor = new HeldExecutor();
        try (MemPair pair = new MemPair(s -> s.services(heldEcho(gate, received)), c -> c.executor(executor))) {
            CompletableFuture<String> a = pair.client.callAsync("echo", String.class, "a");
            CompletableFuture<String> x = pair.client.callAsync("echo", String.class, "x");
            // each callback waits for the other call, whichever of the two is settled first
            CompletableFuture<String> aThenX = a.thenApply(v -> v + x.join());
            CompletableFuture<String> xThenA = x.thenApply(v -> v + a.join());
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            gate.complete(null);
            awaitBothAnswersQueued(pair, a, x);
            executor.release();
            assertThat(aThenX.get(10, TimeUnit.SECONDS)).isEqualTo("ax");
            assertThat(xThenA.get(10, TimeUnit.SECONDS)).isEqualTo("xa");
        } finally {
            executor.shutdown();
        }
    }

    /**
     * Both answers are queued on the client, unsettled (the held executor has not run the drainer),
     * so they are settled from one burst. A blocking call is settled on the transport thread, not
     * through the executor, and mem:// delivers a connection's frames in order: its answer, sent after
     * the two (the gate is already open), arrives after them.
     */
    private static void awaitBothAnswersQueued(MemPair pair, CompletableFuture<?> a, CompletableFuture<?> x) {
        assertThat(pair.client.call("echo", String.class, "marker")).isEqualTo("marker");
        assertThat(a).isNotDone();
        assertThat(x).isNotDone();
    }

    @Test
    void manyCallsAnsweredInBurstsEachSettleWithTheirOwnAnswer() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        int calls = 2_000;
        CountDownLatch received = new CountDownLatch(calls);
        try (MemPair pair = new MemPair(s -> s.services(heldEcho(gate, received)), c -> c)) {
            AtomicInteger callbacks = new AtomicInteger();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                CompletableFuture<String> call = pair.client.callAsync("echo", String.class, "m" + i);
                call.thenRun(callbacks::incrementAndGet);
                futures.add(call);
            }
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            gate.complete(null);
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < calls; i++) {
                assertThat(futures.get(i).join()).isEqualTo("m" + i);
            }
            assertThat(callbacks.get()).isEqualTo(calls);
        }
    }

    @Test
    void anExecutorThatRefusesWorkStillGetsEveryCallSettled() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        int calls = 64;
        CountDownLatch received = new CountDownLatch(calls);
        Executor refusing = task -> {
            throw new RejectedExecutionException("refused");
        };
        try (MemPair pair = new MemPair(s -> s.services(heldEcho(gate, received)), c -> c.executor(refusing))) {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pair.client.callAsync("echo", String.class, "r" + i));
            }
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            gate.complete(null);
            for (int i = 0; i < calls; i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + i);
            }
        }
    }
}
