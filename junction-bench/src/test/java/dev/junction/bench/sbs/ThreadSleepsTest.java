package dev.junction.bench.sbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ThreadSleepsTest {
    @Test
    void eachParkOfTheCallingThreadCountsAsASleep() {
        long before = ThreadSleeps.ofCurrentThread();
        for (int i = 0; i < 20; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        long after = ThreadSleeps.ofCurrentThread();
        assertThat(before).isNotNegative();
        assertThat(after - before).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aProcessReadingCountsTheSleepsOfAThreadThatParks() throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            parked.countDown();
            awaitQuietly(end);
        });
        Map<String, Long> start = ThreadSleeps.ofThisProcess();
        sleeper.start();
        parked.await();
        Map<String, Long> after = ThreadSleeps.ofThisProcess();
        end.countDown();
        sleeper.join();
        assertThat(ThreadSleeps.between(start, after)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aThreadThatEndsDropsOutWithoutMakingTheFigureNegative() {
        Map<String, Long> start = Map.of("1", 10L, "2", 500L);
        assertThat(ThreadSleeps.between(start, Map.of("1", 15L))).isEqualTo(5);
        assertThat(ThreadSleeps.between(start, Map.of("1", 15L, "3", 7L))).isEqualTo(12);
    }

    @Test
    void aProcessThatDoesNotExistIsUnknown() {
        assertThat(ThreadSleeps.of(Long.MAX_VALUE)).isEmpty();
        assertThat(ThreadSleeps.between(Map.of(), Map.of("1", 3L))).isEqualTo(-1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
