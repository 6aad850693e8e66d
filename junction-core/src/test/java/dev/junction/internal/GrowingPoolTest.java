package dev.junction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fallback handler pool grows only when no idle thread can take a task, then queues. */
class GrowingPoolTest {

    @Test
    void sequentialTasksReuseOneIdleThread() throws Exception {
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(16, "test-pool-");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            // let the worker go back to waiting for work before the next task
            while (pool.getActiveCount() > 0) {
                Thread.onSpinWait();
            }
        }
        assertThat(threads).hasSizeLessThanOrEqualTo(2);
        pool.shutdownNow();
    }

    @Test
    void blockedTasksBeyondTheMaximumWaitInTheQueueAndAllRun() throws Exception {
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(8, "test-pool-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.countDown();
            });
        }
        assertThat(pool.getPoolSize()).isEqualTo(8);
        assertThat(pool.getQueue()).hasSize(12);
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
    }
}
