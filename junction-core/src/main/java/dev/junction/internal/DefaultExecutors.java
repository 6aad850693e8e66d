package dev.junction.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                POOL_THREADS,
                POOL_THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("junction-handler-"));
        pool.allowCoreThreadTimeOut(true);
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
