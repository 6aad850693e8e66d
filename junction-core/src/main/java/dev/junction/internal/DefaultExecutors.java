package dev.junction.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors Junction uses when the user gives none: for handlers, a virtual thread per task
 * where the runtime has them (Java 21+), else a bounded pool of daemon threads; one daemon timer
 * thread for deadlines ({@link DeadlineTimer}). Shared by every peer of the process and never shut down (their threads are
 * daemons that end when idle).
 */
public final class DefaultExecutors {
    /** Threads of the fallback handler pool on runtimes without virtual threads. */
    public static final int POOL_THREADS = 256;

    private static final ExecutorService HANDLERS = createHandlerExecutor();
    private static final DeadlineTimer DEADLINES = new DeadlineTimer(daemonThreads("junction-timer-"));

    private DefaultExecutors() {}

    /** The shared executor for handlers. */
    public static ExecutorService handlers() {
        return HANDLERS;
    }

    /** The shared timer for the deadlines of outbound calls. */
    public static DeadlineTimer deadlines() {
        return DEADLINES;
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
     * A pool that starts a thread only when no thread can take the task soon, up to {@code
     * maxThreads}, then queues without bound; idle threads end after 60 s. (A plain
     * ThreadPoolExecutor with a core size starts a new thread for every task until the core is full,
     * even with idle ones.) See {@link ElasticQueue} for when a task waits for a running thread.
     */
    static ThreadPoolExecutor growingPool(int maxThreads, String threadPrefix) {
        ElasticQueue queue = new ElasticQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                0, maxThreads, 60, TimeUnit.SECONDS, queue, daemonThreads(threadPrefix), (task, executor) -> {
                    if (!executor.isShutdown()) {
                        queue.force(task);
                    }
                });
        queue.pool = pool;
        return pool;
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
