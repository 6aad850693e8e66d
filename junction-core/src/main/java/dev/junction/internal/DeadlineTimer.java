package dev.junction.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines of outbound calls: a hashed timing wheel turned by one daemon thread every {@link
 * #TICK_MILLIS} ms, in the manner of Netty's {@code HashedWheelTimer}. A deadline fires at most one
 * tick late (never early).
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: scheduling and cancelling there take its queue
 * lock twice per call, allocate a task per call, and every call whose deadline becomes the earliest
 * (each call of a peer making one call at a time) wakes the timer thread. Here {@link #schedule}
 * and {@link Task#cancel} are one compare-and-set each on a lock-free stack, allocate nothing (the
 * task is the call's own bookkeeping object), and never wake the timer thread while it ticks; it
 * parks for good only after {@link #IDLE_TICKS} ticks with nothing scheduled.
 *
 * <p>Thread-safe. {@link Task#expire()} runs on the timer thread: it must be short and must not
 * block; one that throws is logged.
 */
public final class DeadlineTimer {
    /** The wheel's resolution. */
    public static final long TICK_MILLIS = 10;

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final int WHEEL = 512; // a power of two: 5.12 s per turn
    private static final long IDLE_TICKS = 200; // 2 s of ticking with nothing scheduled, then park
    private static final long MAX_DELAY_NANOS = TimeUnit.DAYS.toNanos(365L * 100); // keeps arithmetic in range
    private static final Logger log = LoggerFactory.getLogger(DeadlineTimer.class);

    /**
     * Something with a deadline. Each task is scheduled at most once. Its fields are the timer's;
     * subclasses implement {@link #expire()}.
     *
     * <p>A task is also a {@link CompletableFuture}, which the timer never touches: so that what a
     * deadline guards (an outbound call) can be its own future, one object instead of two per call.
     * Tasks that need no future leave it incomplete.
     */
    public abstract static class Task extends CompletableFuture<Object> {
        private static final int SCHEDULED = 0;
        private static final int CANCELLED = 1;
        private static final int EXPIRED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile int state;
        private DeadlineTimer timer;
        private long deadlineNanos;
        private long expiryTick; // timer thread only
        private Task nextAdded; // published by the stack's CAS
        private Task nextCancelled;
        private Task prev; // bucket list, timer thread only
        private Task next;
        private boolean linked;

        /** Runs on the timer thread when the deadline passes before {@link #cancel()}. */
        protected abstract void expire();

        /**
         * Stops the deadline from firing (no effect once it fired or when it was never scheduled).
         * The timer forgets the task at its next tick.
         */
        public final void cancel() {
            DeadlineTimer t = timer;
            if (t != null && STATE.compareAndSet(this, SCHEDULED, CANCELLED)) {
                t.push(t.cancelled, this, true);
            }
        }

        final boolean claimExpiry() {
            return STATE.compareAndSet(this, SCHEDULED, EXPIRED);
        }
    }

    private final AtomicReference<Task> added = new AtomicReference<>();
    private final AtomicReference<Task> cancelled = new AtomicReference<>();
    private final Task[] buckets = new Task[WHEEL];
    private final Thread thread;
    private volatile boolean sleeping;
    private long start;
    private long tick;
    private long linkedCount;

    /** Starts the timer's thread, made by {@code threads}. */
    public DeadlineTimer(ThreadFactory threads) {
        thread = threads.newThread(this::run);
        thread.start();
    }

    /**
     * Arms {@code task} to {@link Task#expire() expire} after {@code delayNanos} (at most 100 years:
     * longer counts as 100 years).
     *
     * @throws IllegalStateException if the task was scheduled before
     */
    public void schedule(Task task, long delayNanos) {
        if (task.timer != null) {
            throw new IllegalStateException("Already scheduled");
        }
        task.deadlineNanos = System.nanoTime() + Math.min(delayNanos, MAX_DELAY_NANOS);
        task.timer = this;
        push(added, task, false);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    private static void push(AtomicReference<Task> stack, Task task, boolean cancel) {
        Task head;
        do {
            head = stack.get();
            if (cancel) {
                task.nextCancelled = head;
            } else {
                task.nextAdded = head;
            }
        } while (!stack.compareAndSet(head, task));
    }

    // ---- the timer thread ----

    private void run() {
        start = System.nanoTime();
        long idle = 0;
        while (true) {
            sleepUntil(start + (tick + 1) * TICK_NANOS);
            tick++;
            boolean any = takeAdded();
            takeCancelled();
            expireBucket();
            idle = any || linkedCount > 0 ? 0 : idle + 1;
            if (idle >= IDLE_TICKS) {
                parkUntilScheduled();
                idle = 0;
            }
        }
    }

    private static void sleepUntil(long when) {
        long left;
        while ((left = when - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private void parkUntilScheduled() {
        sleeping = true;
        while (added.get() == null) {
            LockSupport.park(this);
        }
        sleeping = false;
        start = System.nanoTime() - tick * TICK_NANOS; // tick on from now
    }

    private boolean takeAdded() {
        Task task = added.getAndSet(null);
        boolean any = task != null;
        while (task != null) {
            Task following = task.nextAdded;
            task.nextAdded = null;
            if (task.state == Task.SCHEDULED) {
                link(task);
            }
            task = following;
        }
        return any;
    }

    private void link(Task task) {
        long due = task.deadlineNanos - start;
        long expiry = due <= 0 ? tick : (due + TICK_NANOS - 1) / TICK_NANOS;
        task.expiryTick = Math.max(expiry, tick); // past deadlines go in this tick's bucket
        int index = (int) (task.expiryTick & (WHEEL - 1));
        Task head = buckets[index];
        task.next = head;
        task.prev = null;
        if (head != null) {
            head.prev = task;
        }
        buckets[index] = task;
        task.linked = true;
        linkedCount++;
    }

    private void unlink(Task task) {
        if (!task.linked) {
            return;
        }
        int index = (int) (task.expiryTick & (WHEEL - 1));
        if (task.prev == null) {
            buckets[index] = task.next;
        } else {
            task.prev.next = task.next;
        }
        if (task.next != null) {
            task.next.prev = task.prev;
        }
        task.prev = null;
        task.next = null;
        task.linked = false;
        linkedCount--;
    }

    private void takeCancelled() {
        Task task = cancelled.getAndSet(null);
        while (task != null) {
            Task following = task.nextCancelled;
            task.nextCancelled = null;
            unlink(task);
            task = following;
        }
    }

    private void expireBucket() {
        Task task = buckets[(int) (tick & (WHEEL - 1))];
        while (task != null) {
            Task following = task.next;
            if (task.expiryTick <= tick) {
                unlink(task);
                if (task.claimExpiry()) {
                    expire(task);
                }
            }
            task = following;
        }
    }

    private static void expire(Task task) {
        try {
            task.expire();
        } catch (RuntimeException | Error e) {
            log.warn("A deadline task failed", e);
        }
    }
}
