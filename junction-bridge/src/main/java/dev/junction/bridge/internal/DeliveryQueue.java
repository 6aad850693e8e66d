package dev.junction.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.RpcException;
import dev.junction.bridge.Overflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded, ordered queue of a buffered bridge, optionally journaled. {@link #offer} accepts
 * messages in arrival order (applying the overflow policy when full); {@link #awaitNext} hands the
 * oldest accepted one to the one delivering thread, which calls {@link #delivered} once the
 * downstream has it. With a journal, an entry is <em>accepted</em> when a commit has written it to
 * disk (a committer thread groups commits), and only accepted entries are handed out. Thread-safe.
 */
final class DeliveryQueue implements AutoCloseable {
    /**
     * How many deliveries may be recorded in memory and not yet on disk: after a crash, at most these
     * are sent again (under their delivery ids). The deliverer waits for a commit past it.
     */
    static final int MAX_UNCOMMITTED_DELIVERIES = 64;

    private static final int CLOSED_CODE = dev.junction.bridge.Bridge.DOWNSTREAM_UNAVAILABLE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Entry> uncommitted = new ArrayList<>();
    private final int capacity;
    private final Overflow overflow;
    private final String to;
    private final Journal journal;
    private final Counters counters;
    private final Thread committer;
    private long nextSeq;
    private long acceptedThrough;
    private long inFlight = -1;
    private int deliveredUncommitted;
    private boolean dirty;
    private boolean closed;

    DeliveryQueue(int capacity, Overflow overflow, String to, Journal journal, Counters counters) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.to = to;
        this.journal = journal;
        this.counters = counters;
        if (journal == null) {
            nextSeq = 1;
            committer = null;
        } else {
            List<Entry> restored = journal.restore();
            entries.addAll(restored);
            restored.forEach(e -> e.accepted.complete(null));
            nextSeq = journal.nextSeq();
            committer = new Thread(this::commitLoop, "junction-bridge-journal");
            committer.setDaemon(true);
            committer.start();
        }
        acceptedThrough = nextSeq - 1;
    }

    /**
     * Queues a message, in arrival order.
     *
     * @return the entry; its {@code accepted} future completes when it is accepted
     * @throws RpcException -32000 when the overflow policy discards or refuses it
     */
    Entry offer(String method, JsonNode params, boolean request, boolean someoneWaits) {
        Entry dropped = null;
        Entry entry;
        lock.lock();
        try {
            if (closed) {
                throw new RpcException(CLOSED_CODE, "Bridge: closing, message not accepted");
            }
            if (entries.size() >= capacity) {
                if (overflow != Overflow.DROP_OLDEST || (dropped = removeOldestWaiting()) == null) {
                    throw refuse(request);
                }
            }
            entry = new Entry(nextSeq++, method, params, request, someoneWaits);
            entries.addLast(entry);
            if (journal == null) {
                acceptedThrough = entry.seq;
                entry.accepted.complete(null);
            } else {
                journal.append(entry);
                uncommitted.add(entry);
                dirty = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            counters.dropped.incrementAndGet();
            dropped.fail(new RpcException(
                    ErrorCodes.SERVER_OVERLOADED,
                    "Bridge: dropped, queue full (" + capacity + " messages for " + to + ", drop-oldest)"));
        }
        return entry;
    }

    private RpcException refuse(boolean request) {
        if (overflow == Overflow.REJECT && request) {
            counters.rejected.incrementAndGet();
            return new RpcException(
                    ErrorCodes.SERVER_OVERLOADED,
                    "Bridge queue full: " + capacity + " messages wait for " + to + " (reject)");
        }
        counters.dropped.incrementAndGet();
        return new RpcException(
                ErrorCodes.SERVER_OVERLOADED,
                "Bridge: dropped, queue full (" + capacity + " messages for " + to + ", " + overflow.label() + ")");
    }

    /** Removes the oldest entry not being delivered now; null if there is none. */
    private Entry removeOldestWaiting() {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.seq != inFlight) {
                it.remove();
                uncommitted.remove(e);
                if (journal != null) {
                    journal.remove(e.seq);
                    dirty = true;
                }
                return e;
            }
        }
        return null;
    }

    /**
     * The oldest accepted entry, waiting for one up to {@code timeoutMillis}; null when none came in
     * time or the queue is closed. It stays queued until {@link #delivered}.
     */
    Entry awaitNext(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!closed
                    && (entries.isEmpty()
                            || entries.peekFirst().seq > acceptedThrough
                            || deliveredUncommitted >= MAX_UNCOMMITTED_DELIVERIES)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            Entry head = entries.peekFirst();
            inFlight = head.seq;
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code entry}: the downstream has it (on disk at the next commit). */
    void delivered(Entry entry) {
        lock.lock();
        try {
            entries.remove(entry);
            inFlight = -1;
            if (journal != null) {
                journal.remove(entry.seq);
                deliveredUncommitted++;
                dirty = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private void commitLoop() {
        while (true) {
            List<Entry> batch;
            long through;
            int deliveries;
            lock.lock();
            try {
                while (!dirty && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (!dirty && closed) {
                    return;
                }
                dirty = false;
                batch = new ArrayList<>(uncommitted);
                uncommitted.clear();
                through = nextSeq - 1;
                deliveries = deliveredUncommitted;
            } finally {
                lock.unlock();
            }
            journal.commit();
            lock.lock();
            try {
                acceptedThrough = Math.max(acceptedThrough, through);
                deliveredUncommitted -= deliveries;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            batch.forEach(e -> e.accepted.complete(null));
        }
    }

    /**
     * Stops handing out entries; with a journal, commits what is left and closes it (undelivered
     * entries wait there for the next start). Entries of callers still waiting fail with {@code
     * error}.
     */
    @Override
    public void close() {
        List<Entry> left;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            left = new ArrayList<>(entries);
        } finally {
            lock.unlock();
        }
        if (committer != null) {
            try {
                committer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            journal.close();
        }
        RpcException closing = new RpcException(
                CLOSED_CODE,
                journal == null
                        ? "Bridge: closed before the downstream got it"
                        : "Bridge: closed before the downstream got it (kept in the journal)");
        left.forEach(e -> e.fail(closing));
    }
}
