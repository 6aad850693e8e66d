package dev.junction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The timing wheel fires deadlines not early, fires each once, and never fires cancelled ones. */
class DeadlineTimerTest {
    private final DeadlineTimer timer = new DeadlineTimer(DefaultExecutors.daemonThreads("test-timer-"));

    /** A task that counts down a latch and records when it fired. */
    private static final class Probe extends DeadlineTimer.Task {
        final CountDownLatch fired = new CountDownLatch(1);
        final AtomicInteger times = new AtomicInteger();
        volatile long firedAt;
        volatile String thread;

        @Override
        protected void expire() {
            firedAt = System.nanoTime();
            thread = Thread.currentThread().getName();
            times.incrementAndGet();
            fired.countDown();
        }
    }

    @Test
    void aDeadlineFiresOnTheTimerThreadNotBeforeItIsDue() throws Exception {
        Probe probe = new Probe();
        long delay = TimeUnit.MILLISECONDS.toNanos(50);
        long scheduledAt = System.nanoTime();
        timer.schedule(probe, delay);
        assertThat(probe.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.firedAt - scheduledAt).isGreaterThanOrEqualTo(delay);
        assertThat(probe.thread).startsWith("test-timer-");
    }

    @Test
    void cancelledDeadlinesNeverFireAndOthersFireOnce() throws Exception {
        List<Probe> cancelled = new ArrayList<>();
        List<Probe> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Probe probe = new Probe();
            timer.schedule(probe, TimeUnit.MILLISECONDS.toNanos(20 + i % 7));
            if (i % 2 == 0) {
                probe.cancel();
                probe.cancel(); // twice: no effect
                cancelled.add(probe);
            } else {
                kept.add(probe);
            }
        }
        for (Probe probe : kept) {
            assertThat(probe.fired.await(5, TimeUnit.SECONDS)).isTrue();
        }
        Probe last = new Probe();
        timer.schedule(last, TimeUnit.MILLISECONDS.toNanos(60));
        assertThat(last.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled).allSatisfy(p -> assertThat(p.times).hasValue(0));
        assertThat(kept).allSatisfy(p -> assertThat(p.times).hasValue(1));
        last.cancel(); // after it fired: no effect
        assertThat(last.times).hasValue(1);
    }

    @Test
    void deadlinesBeyondOneTurnOfTheWheelWaitForTheirTurn() throws Exception {
        // 512 buckets of 10 ms: 5.12 s per turn; a deadline of one turn plus a bit must not fire
        // when its bucket first comes round. Checked cheaply: a task due in 5.2 s has not fired at 200 ms.
        Probe far = new Probe();
        Probe near = new Probe();
        timer.schedule(far, TimeUnit.MILLISECONDS.toNanos(5_200));
        timer.schedule(near, TimeUnit.MILLISECONDS.toNanos(100));
        Probe forever = new Probe();
        timer.schedule(forever, Long.MAX_VALUE);
        assertThat(near.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(far.times).hasValue(0);
        assertThat(forever.times).hasValue(0);
        far.cancel();
        forever.cancel();
    }

    @Test
    void aTaskIsScheduledOnlyOnce() {
        Probe probe = new Probe();
        timer.schedule(probe, TimeUnit.SECONDS.toNanos(30));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timer.schedule(probe, 1))
                .isInstanceOf(IllegalStateException.class);
        probe.cancel();
    }
}
