package dev.junction.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work queue of {@link DefaultExecutors#growingPool}: it decides, task by task, whether the
 * pool starts a thread ({@link #offer} returns false) or the task waits in the queue.
 *
 * <p>A task is queued when a thread is waiting for work, or when a thread took a task less than
 * {@link #BUSY_NANOS} ago (it is running, and will come back for more); otherwise the pool starts
 * a thread, up to its maximum (with the task as its first when nothing is queued, else at the head
 * of the queue, so that tasks start in the order they were given). So a burst of short tasks (the completions of many calls answered in
 * one read) is run by the one thread already awake, one after the other, instead of waking a thread
 * per task; and idle threads wait parked (a {@link LinkedBlockingQueue}'s condition), without the
 * spinning and yielding of {@code LinkedTransferQueue} on JDK 17. The hand-off this replaced woke
 * one thread per task.
 *
 * <p>A task queued behind threads that then block must not wait for them: while the queue holds
 * tasks, a watchdog on the {@link DeadlineTimer} checks it every tick and, when no thread waits and
 * none took a task for {@link #BUSY_NANOS}, starts a thread (up to the maximum).
 *
 * <p>Thread-safe.
 */
final class ElasticQueue extends LinkedBlockingQueue<Runnable> {
    /** How long after taking a task a thread counts as running, not blocked. */
    static final long BUSY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final long serialVersionUID = 1L;
    private static final Runnable NOTHING = () -> {};

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean watched = new AtomicBoolean();
    private volatile long lastTake = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    transient volatile ThreadPoolExecutor pool;

    @Override
    public boolean offer(Runnable task) {
        if (task == NOTHING) {
            return false; // a bare thread asked for by this queue: the pool starts it
        }
        if (waiting.get() > 0 || recentlyTaken()) {
            super.offer(task);
            watch();
            return true;
        }
        if (isEmpty()) {
            return false; // no thread will take it soon: the pool starts one, with this task first
        }
        // Tasks wait ahead of this one: it queues behind them (first in, first run), and a new
        // thread starts at the head of the queue.
        super.offer(task);
        watch();
        ThreadPoolExecutor p = pool;
        if (p != null && canGrow(p)) {
            p.execute(NOTHING);
        }
        return true;
    }

    /** Queues a task the pool could not start a thread for (at its maximum). */
    void force(Runnable task) {
        super.offer(task);
        watch();
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        Runnable task = super.poll();
        if (task == null) {
            waiting.incrementAndGet();
            try {
                task = super.poll(timeout, unit);
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (task != null) {
            lastTake = System.nanoTime();
        }
        return task;
    }

    @Override
    public Runnable take() throws InterruptedException {
        Runnable task = super.poll();
        if (task == null) {
            waiting.incrementAndGet();
            try {
                task = super.take();
            } finally {
                waiting.decrementAndGet();
            }
        }
        lastTake = System.nanoTime();
        return task;
    }

    private boolean recentlyTaken() {
        return System.nanoTime() - lastTake < BUSY_NANOS;
    }

    private void watch() {
        if (!watched.get() && watched.compareAndSet(false, true)) {
            DefaultExecutors.deadlines().schedule(new Watchdog(), 1);
        }
    }

    private static boolean canGrow(ThreadPoolExecutor p) {
        return !p.isShutdown() && p.getPoolSize() < p.getMaximumPoolSize();
    }

    /** One look at the queue on the timer thread; re-armed while tasks wait. */
    private final class Watchdog extends DeadlineTimer.Task {
        @Override
        protected void expire() {
            ThreadPoolExecutor p = pool;
            if (!isEmpty() && waiting.get() == 0 && !recentlyTaken() && p != null && canGrow(p)) {
                p.execute(NOTHING); // offer() refuses it: the pool starts a thread, which drains the queue
            }
            watched.set(false);
            if (!isEmpty() && (p == null || !p.isShutdown())) {
                watch();
            }
        }
    }
}
