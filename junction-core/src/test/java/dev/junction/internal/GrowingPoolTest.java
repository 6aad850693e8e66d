package dev.junction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fallback handler pool grows only when no thread can take a task soon, then queues. */
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
        // tasks queued behind a thread that blocks get a thread of their own, up to the maximum
        await().atMost(Duration.ofSeconds(5))
                .until(() -> pool.getPoolSize() == 8 && pool.getQueue().size() == 12);
        assertThat(pool.getPoolSize()).isEqualTo(8);
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
    }

    @Test
    void aBurstOfShortTasksDoesNotStartAThreadPerTask() throws Exception {
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(64, "test-pool-");
        CountDownLatch finished = new CountDownLatch(1000);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        pool.execute(() -> {
            // submitted from a pool thread that is running: the burst queues behind it
            for (int i = 0; i < 1000; i++) {
                pool.execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    finished.countDown();
                });
            }
        });
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.size()).isLessThan(64);
        pool.shutdownNow();
    }

    @Test
    void aTaskQueuedBehindAThreadThatBlocksStillRuns() throws Exception {
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(4, "test-pool-");
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        pool.execute(() -> {
            // queues the next task while this thread is running, then waits for that task
            pool.execute(second::countDown);
            try {
                first.countDown();
                second.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
    }

    @Test
    void tasksStartInTheOrderGivenEvenWhenANewThreadIsNeeded() throws Exception {
        // two threads: one blocked, so one thread runs both tasks, in the order it takes them
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(2, "test-pool-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        java.util.List<Integer> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(2);
        pool.execute(() -> {
            pool.execute(() -> {
                started.add(1);
                finished.countDown();
            }); // queued behind this running thread
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(5); // the running thread now counts as blocked: the next task needs a new thread
        pool.execute(() -> {
            started.add(2);
            finished.countDown();
        });
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(started).containsExactly(1, 2);
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void queuedTasksCanBeRemovedAndAreHandedBackOnShutdownNow() throws Exception {
        ThreadPoolExecutor pool = DefaultExecutors.growingPool(1, "test-pool-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        pool.execute(() -> {
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        Runnable first = () -> {};
        Runnable second = () -> {};
        Runnable third = () -> {};
        pool.execute(first);
        pool.execute(second);
        pool.execute(third);
        assertThat(pool.getQueue()).containsExactly(first, second, third);
        assertThat(pool.remove(second)).isTrue();
        java.util.Iterator<Runnable> it = pool.getQueue().iterator();
        assertThat(it.next()).isSameAs(first);
        it.remove();
        assertThat(pool.getQueue()).containsExactly(third);
        assertThat(pool.shutdownNow()).containsExactly(third);
        assertThat(pool.getQueue()).isEmpty();
        release.countDown();
    }
}
