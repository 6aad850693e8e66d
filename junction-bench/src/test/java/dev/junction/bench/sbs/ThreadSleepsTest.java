package dev.junction.bench.sbs;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aProcessCountsTheSleepsOfAllItsThreads() {
        long mine = ThreadSleeps.ofCurrentThread();
        assertThat(ThreadSleeps.ofThisProcess()).isGreaterThanOrEqualTo(mine).isPositive();
    }

    @Test
    void aProcessThatDoesNotExistIsUnknown() {
        assertThat(ThreadSleeps.of(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
