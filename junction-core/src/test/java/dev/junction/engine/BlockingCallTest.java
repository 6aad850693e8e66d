package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.JunctionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A blocking {@code call} waits parked on its own future (not through {@code get()}): it wakes for
 * its answer, however late, for an interrupt, and many threads wait on one connection at once.
 */
class BlockingCallTest {

    @Test
    void aCallAnsweredLaterReturnsItsAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("late", (ctx, params) -> {
            release.await();
            return "done";
        }))) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread caller = new Thread(() -> outcome.set(pair.client.call("late", String.class)));
            caller.start();
            await(() -> pair.client.pendingCalls() == 1);
            Thread.sleep(60); // longer than the waiter's own look-again period: it must still get its answer
            release.countDown();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(caller.isAlive()).isFalse();
            assertThat(outcome.get()).isEqualTo("done");
        }
    }

    @Test
    void anInterruptedCallerGetsAnExceptionKeepsItsInterruptAndLeavesNoPendingCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("block", (ctx, params) -> {
            release.await();
            return "never read";
        }))) {
            AtomicReference<Throwable> error = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    pair.client.call("block", String.class);
                } catch (RuntimeException e) {
                    error.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            await(() -> pair.client.pendingCalls() == 1);
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(caller.isAlive()).isFalse();
            assertThat(error.get()).isInstanceOf(JunctionException.class).hasMessageContaining("Interrupted");
            assertThat(stillInterrupted.get()).isTrue();
            assertThat(pair.client.pendingCalls()).isZero();
            release.countDown();
            assertThat(pair.client.call("block", String.class)).isEqualTo("never read");
        }
    }

    @Test
    void manyThreadsWaitingOnOneConnectionEachGetTheirOwnAnswer() throws Exception {
        try (MemPair pair = MemPair.of(s -> s.method("echo", String.class, x -> x))) {
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int me = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        String sent = me + "-" + i;
                        String answer = pair.client.call("echo", String.class, sent);
                        if (!sent.equals(answer)) {
                            wrong.add(sent + " -> " + answer);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(thread.isAlive()).isFalse();
            }
            assertThat(wrong).isEmpty();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline)
                    .as("condition reached in time")
                    .isTrue();
            Thread.sleep(5);
        }
    }
}
