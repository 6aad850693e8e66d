package dev.junction.internal;

import java.util.concurrent.Executor;

/**
 * Hands one connection's call completions to the handler executor in bursts rather than one task
 * each, without letting one completion's callbacks hold up or deadlock another's.
 *
 * <p>Completions are queued (intrusively, through {@link PendingCall#nextCompletion}, so queueing
 * allocates nothing) and drained by a chain of drainer tasks. A completion queued while no drainer
 * is <em>pending</em> (handed to the executor and not yet started) schedules one. A drainer takes
 * completions one at a time; before it runs a completion's callbacks it makes sure that, if more
 * completions wait, a helper drainer is pending. So a callback that blocks (say, joins the future
 * of a call answered in the same burst behind it) always leaves a pending drainer for the rest,
 * while a burst of quick callbacks costs few executor hand-offs. Order is not promised.
 *
 * <p>Thread-safe: any thread may {@link #add}; drainers run on the executor. If the executor
 * rejects a drainer, the waiting completions are settled on the calling thread, as a rejected
 * completion task always was.
 */
final class CompletionQueue implements Runnable {
    private final Executor executor;
    // guarded by this
    private PendingCall head;
    private PendingCall tail;
    private boolean drainerPending;

    CompletionQueue(Executor executor) {
        this.executor = executor;
    }

    /** Queues a call whose outcome is stored in it, to be settled on the executor. */
    void add(PendingCall call) {
        boolean schedule;
        synchronized (this) {
            if (tail == null) {
                head = call;
            } else {
                tail.nextCompletion = call;
            }
            tail = call;
            schedule = !drainerPending;
            drainerPending = true;
        }
        if (schedule) {
            schedule(true);
        }
    }

    /** A drainer: settles queued completions until none is left, keeping a helper pending meanwhile. */
    @Override
    public void run() {
        synchronized (this) {
            drainerPending = false;
        }
        PendingCall call;
        while ((call = next()) != null) {
            call.run();
        }
    }

    /** Takes the next completion; if more wait and no drainer is pending, schedules a helper first. */
    private PendingCall next() {
        PendingCall call;
        boolean helper;
        synchronized (this) {
            call = head;
            if (call == null) {
                return null;
            }
            head = call.nextCompletion;
            if (head == null) {
                tail = null;
            }
            call.nextCompletion = null;
            helper = head != null && !drainerPending;
            if (helper) {
                drainerPending = true;
            }
        }
        if (helper) {
            schedule(false);
        }
        return call;
    }

    /**
     * Hands a drainer to the executor. If it refuses, either settles everything waiting here, on
     * this thread ({@code settleIfRejected}: the thread that queued, as before), or leaves it to
     * the drainer that asked for a helper.
     */
    private void schedule(boolean settleIfRejected) {
        try {
            executor.execute(this);
        } catch (RuntimeException rejected) {
            synchronized (this) {
                drainerPending = false;
            }
            if (settleIfRejected) {
                run();
            }
        }
    }
}
