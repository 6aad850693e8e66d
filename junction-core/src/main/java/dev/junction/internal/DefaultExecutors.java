package dev.junction.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors Junction uses when the user gives none: for handlers, a virtual thread per task
 * where the runtime has them (Java 21+), else a bounded pool of daemon threads; one daemon timer
 * thread for deadlines. Shared by every peer of the process and never shut down (their threads are
 * daemons that end when idle).
 */
public final class DefaultExecutors {
    /** Threads of the fallback handler pool on runtimes without virtual threads. */
    public static final int POOL_THREADS = 256;

    private static final ExecutorService HANDLERS = createHandlerExecutor();
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private DefaultExecutors() {}

    /** The shared executor for handlers. */
    public static ExecutorService handlers() {
        return HANDLERS;
    }

    /** The shared timer for deadlines. Tasks must be short and must not block. */
    public static ScheduledThreadPoolExecutor timer() {
        return TIMER;
    }

    /** True when handlers run on virtual threads. */
    public static boolean usesVirtualThreads() {
        return !(HANDLERS instanceof ThreadPoolExecutor);
    }

    private static ExecutorService createHandlerExecutor() {
        ExecutorService virtual = virtualThreadPerTaskExecutor();
        if (virtual != null) {
            return virtual;
        }
        return growingPool(POOL_THREADS, "junction-handler-");
    }

    /**
     * A pool that starts a thread only when no idle one can take the task, up to {@code maxThreads},
     * then queues without bound; idle threads end after 60 s. (A plain ThreadPoolExecutor with a
     * core size starts a new thread for every task until the core is full, even with idle ones.)
     */
    static ThreadPoolExecutor growingPool(int maxThreads, String threadPrefix) {
        HandOffQueue queue = new HandOffQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                0, maxThreads, 60, TimeUnit.SECONDS, queue, daemonThreads(threadPrefix), (task, executor) -> {
                    if (!executor.isShutdown()) {
                        queue.force(task);
                    }
                });
        queue.pool = pool;
        return pool;
    }

    /** Hands a task to an idle worker, else asks for a new thread, else (at the maximum) queues. */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        transient volatile ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            if (tryTransfer(task)) {
                return true;
            }
            ThreadPoolExecutor p = pool;
            if (p != null && p.getPoolSize() < p.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        void force(Runnable task) {
            super.offer(task);
        }
    }

    /** Executors.newVirtualThreadPerTaskExecutor() when the runtime has it (compiled for 17). */
    private static ExecutorService virtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(
                            java.util.concurrent.Executors.class,
                            "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (Throwable e) {
            return null;
        }
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("junction-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A factory of daemon threads named {@code prefix + n}. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
