package dev.junction.internal;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The work queue of {@link DefaultExecutors#growingPool}: it decides, task by task, whether the
 * pool starts a thread ({@link #offer} returns false) or the task waits in the queue.
 *
 * <p>A task is queued when a thread is waiting for work, or when a thread took a task less than
 * {@link #BUSY_NANOS} ago (it is running, and will come back for more); otherwise the pool starts
 * a thread, up to its maximum (with the task as its first when nothing is queued, else at the head
 * of the queue, so that tasks start in the order they were given). So a burst of short tasks (the
 * completions of many calls answered in one read) is run by the one thread already awake, one after
 * the other, instead of waking a thread per task; and idle threads wait parked, without the spinning
 * and yielding of {@code LinkedTransferQueue} on JDK 17. The hand-off this replaced woke one thread
 * per task.
 *
 * <p>Tasks wait in an array deque under this queue's monitor, and idle threads in its wait set: a
 * task costs no queue node and a wait no condition node (a {@code LinkedBlockingQueue} makes one of
 * each), so handing a task to the pool allocates nothing.
 *
 * <p>A task queued behind threads that then block must not wait for them: while the queue holds
 * tasks, a watchdog on the {@link DeadlineTimer} checks it every tick and, when no thread waits and
 * none took a task for {@link #BUSY_NANOS}, starts a thread (up to the maximum).
 *
 * <p>Thread-safe. Unbounded.
 */
final class ElasticQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
    /** How long after taking a task a thread counts as running, not blocked. */
    static final long BUSY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final Runnable NOTHING = () -> {};

    // Guarded by this: the tasks, and how many threads wait for one in poll or take.
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private int waiting;
    private final AtomicBoolean watched = new AtomicBoolean();
    private volatile long lastTake = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    volatile ThreadPoolExecutor pool;

    @Override
    public boolean offer(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (task == NOTHING) {
            return false; // a bare thread asked for by this queue: the pool starts it
        }
        boolean grow;
        synchronized (this) {
            if (waiting > 0 || recentlyTaken()) {
                grow = false;
            } else if (tasks.isEmpty()) {
                return false; // no thread will take it soon: the pool starts one, with this task first
            } else {
                // Tasks wait ahead of this one: it queues behind them (first in, first run), and a
                // new thread starts at the head of the queue.
                grow = true;
            }
            enqueue(task);
        }
        watch();
        ThreadPoolExecutor p = pool;
        if (grow && p != null && canGrow(p)) {
            p.execute(NOTHING);
        }
        return true;
    }

    /** Queues a task the pool could not start a thread for (at its maximum). */
    void force(Runnable task) {
        synchronized (this) {
            enqueue(task);
        }
        watch();
    }

    private void enqueue(Runnable task) {
        tasks.add(task);
        if (waiting > 0) {
            notify();
        }
    }

    @Override
    public boolean offer(Runnable task, long timeout, TimeUnit unit) {
        return offer(task);
    }

    @Override
    public void put(Runnable task) {
        force(Objects.requireNonNull(task, "task"));
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        Runnable task;
        synchronized (this) {
            task = tasks.poll();
            if (task == null) {
                long deadline = System.nanoTime() + unit.toNanos(timeout);
                waiting++;
                try {
                    while ((task = tasks.poll()) == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } finally {
                    waiting--;
                }
            }
        }
        if (task != null) {
            lastTake = System.nanoTime();
        }
        return task;
    }

    @Override
    public Runnable take() throws InterruptedException {
        Runnable task;
        synchronized (this) {
            task = tasks.poll();
            if (task == null) {
                waiting++;
                try {
                    while ((task = tasks.poll()) == null) {
                        wait();
                    }
                } finally {
                    waiting--;
                }
            }
        }
        lastTake = System.nanoTime();
        return task;
    }

    @Override
    public synchronized Runnable poll() {
        return tasks.poll();
    }

    @Override
    public synchronized Runnable peek() {
        return tasks.peek();
    }

    @Override
    public synchronized int size() {
        return tasks.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return tasks.isEmpty();
    }

    @Override
    public synchronized boolean remove(Object task) {
        return tasks.remove(task);
    }

    @Override
    public synchronized Object[] toArray() {
        return tasks.toArray();
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super Runnable> to) {
        return drainTo(to, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Runnable> to, int max) {
        int n = 0;
        Runnable task;
        while (n < max && (task = poll()) != null) {
            to.add(task);
            n++;
        }
        return n;
    }

    /** Iterates over a snapshot; {@code remove} takes the last task returned out of this queue. */
    @Override
    public Iterator<Runnable> iterator() {
        Object[] snapshot = toArray();
        return new Iterator<>() {
            private int next;
            private Object last;

            @Override
            public boolean hasNext() {
                return next < snapshot.length;
            }

            @Override
            public Runnable next() {
                if (next >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                last = snapshot[next++];
                return (Runnable) last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException();
                }
                ElasticQueue.this.remove(last);
                last = null;
            }
        };
    }

    private synchronized int waitingThreads() {
        return waiting;
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
            if (!isEmpty() && waitingThreads() == 0 && !recentlyTaken() && p != null && canGrow(p)) {
                p.execute(NOTHING); // offer() refuses it: the pool starts a thread, which drains the queue
            }
            watched.set(false);
            if (!isEmpty() && (p == null || !p.isShutdown())) {
                watch();
            }
        }
    }
}
