package dev.junction.zeromq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop's hand-over: work queued from other threads (or from the loop itself, in a timer) must
 * run without waiting for some later event. The loop sleeps until woken, so a lost wake-up shows as
 * a task that never runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqLoopTest {
    private static final int ROUNDS = 20_000;

    @Test
    void tasksFromSeveralThreadsRunWithoutALaterEvent() throws Exception {
        ZmqLoop loop = new ZmqLoop("test");
        try {
            AtomicInteger stalls = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        try {
                            // no sleep cap in the loop: a lost wake-up leaves this task queued for good
                            loop.submit(() -> null).get(5, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            stalls.incrementAndGet();
                            return;
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
            assertThat(stalls).as("tasks that waited 5 s for the loop").hasValue(0);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aTaskQueuedByATimerRunsAtOnce() throws Exception {
        ZmqLoop loop = new ZmqLoop("test");
        try {
            for (int i = 0; i < 20; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(() -> loop.schedule(1, () -> loop.execute(ran::countDown)));
                assertThat(ran.await(5, TimeUnit.SECONDS))
                        .as("a task queued by a timer on the loop thread ran")
                        .isTrue();
            }
        } finally {
            loop.stop();
        }
    }

    @Test
    void stopEndsTheLoop() {
        ZmqLoop loop = new ZmqLoop("test");
        CompletableFuture<Boolean> inLoop = loop.submit(loop::inLoop);
        assertThat(inLoop.join()).isTrue();
        loop.stop();
    }

    @Test
    void aTaskQueuedAfterTheLoopEndedFailsItsFutureWithoutThrowing() {
        ZmqLoop loop = new ZmqLoop("test");
        loop.stop();
        loop.stopped().orTimeout(5, TimeUnit.SECONDS).join();

        // the selector is closed by now: waking it must be a no-op, not an error
        CompletableFuture<Object> late = loop.submit(() -> "never");

        assertThat(late)
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class)
                .withMessageContaining("has stopped");
    }
}
