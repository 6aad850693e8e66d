package dev.junction.internal;

import dev.junction.LimitExceededException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Bounds the inbound requests of one connection: at most {@code maxRunning} run at once on the
 * executor, at most {@code maxQueued} wait, and more are refused. With {@code maxRunning} 1 the
 * requests run strictly in arrival order. Thread-safe.
 */
final class InboundLimiter {
    private final Executor executor;
    private final int maxRunning;
    private final int maxQueued;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int running;

    InboundLimiter(Executor executor, int maxRunning, int maxQueued) {
        this.executor = executor;
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
    }

    /**
     * Runs {@code task} now or later. The task must call {@link #done()} when the request it serves
     * has finished (which may be after the task returns, for asynchronous handlers).
     *
     * @throws LimitExceededException when the queue is full
     */
    void submit(Runnable task) {
        synchronized (this) {
            if (running >= maxRunning) {
                if (queue.size() >= maxQueued) {
                    throw new LimitExceededException(
                            "Server overloaded: " + maxRunning + " requests running and " + maxQueued
                                    + " queued on this connection",
                            "maxQueuedRequests");
                }
                queue.add(task);
                return;
            }
            running++;
        }
        start(task);
    }

    /** One request finished: starts the next queued one, if any. */
    void done() {
        Runnable next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        start(next);
    }

    private void start(Runnable task) {
        try {
            executor.execute(task);
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }
}
