package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Frames a socket could not take yet (no peer connected, or its HWM reached), up to {@code
 * queueLimit}; past it the {@code overflow} policy applies: {@code drop-newest} (the default: the
 * new frame fails), {@code drop-oldest} (the oldest queued frame fails), or {@code block} (the
 * sending thread waits for room, up to {@code blockTimeout} ms). Drops are counted and logged. The
 * queue is drained as soon as the socket is writable again. Loop thread, except {@link #admit}.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    enum Overflow {
        DROP_NEWEST,
        DROP_OLDEST,
        BLOCK
    }

    private record Pending(byte[][] frames, CompletableFuture<Void> result) {}

    private final ZmqLoop loop;
    private final String name;
    private final int limit;
    private final Overflow overflow;
    private final long blockTimeoutMillis;
    private final Semaphore room;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private ZMQ.Socket socket;

    Outbox(ZmqLoop loop, ZmqSettings settings, String name) {
        this.loop = loop;
        this.name = name;
        this.limit = Math.max(0, settings.integer("queueLimit", 1000));
        String policy = settings.endpoint().option("overflow", "drop-newest");
        try {
            this.overflow = Overflow.valueOf(policy.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown overflow policy '" + policy + "' (choose drop-oldest, drop-newest or block)");
        }
        this.blockTimeoutMillis = settings.integer("blockTimeout", 10_000);
        this.room = overflow == Overflow.BLOCK ? new Semaphore(limit) : null;
    }

    /** Sets the socket frames go to (again, after it was re-created). Loop thread. */
    void socket(ZMQ.Socket newSocket) {
        this.socket = newSocket;
        if (!queue.isEmpty() && newSocket != null) {
            loop.onWritable(newSocket, this::flush);
        }
    }

    /** Called on the sending thread before a frame is handed to the loop: waits for room under {@code block}. */
    void admit() {
        if (room == null) {
            return;
        }
        try {
            if (!room.tryAcquire(blockTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new TransportException(name + ": the outgoing queue stayed full (queueLimit=" + limit + ") for "
                        + blockTimeoutMillis + " ms (blockTimeout)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(name + ": interrupted while waiting for room in the outgoing queue", e);
        }
    }

    /** Sends now if the socket takes it, else queues. Loop thread. */
    void send(CompletableFuture<Void> result, byte[]... frames) {
        Pending p = new Pending(frames, result);
        if (queue.isEmpty() && trySend(p)) {
            return;
        }
        if (queue.size() >= limit && overflow != Overflow.BLOCK) {
            Pending victim = overflow == Overflow.DROP_OLDEST ? queue.poll() : p;
            long count = dropped.incrementAndGet();
            log.warn(
                    "{}: outgoing queue full (queueLimit={}), dropped the {} message ({} dropped so far)",
                    name,
                    limit,
                    overflow == Overflow.DROP_OLDEST ? "oldest" : "newest",
                    count);
            victim.result.completeExceptionally(new TransportException(name + ": outgoing queue full (queueLimit="
                    + limit + ", overflow=" + overflow + "): message dropped"));
            if (victim == p) {
                return;
            }
        }
        queue.add(p);
        if (queue.size() == 1 && socket != null) {
            loop.onWritable(socket, this::flush);
        }
    }

    private boolean trySend(Pending p) {
        if (socket == null) {
            return false;
        }
        for (int i = 0; i < p.frames.length - 1; i++) {
            if (!socket.send(p.frames[i], ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return false;
            }
        }
        if (!socket.send(p.frames[p.frames.length - 1], ZMQ.DONTWAIT)) {
            return false;
        }
        if (room != null) {
            room.release();
        }
        p.result.complete(null);
        return true;
    }

    private void flush() {
        while (!queue.isEmpty() && trySend(queue.peek())) {
            queue.poll();
        }
        if (queue.isEmpty() && socket != null) {
            loop.onWritable(socket, null);
        }
    }

    /** Fails whatever is still queued. Loop thread. */
    void failAll(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result.completeExceptionally(cause);
        }
        if (room != null) {
            room.release(limit);
        }
    }

    /** Messages dropped by the overflow policy so far. */
    long dropped() {
        return dropped.get();
    }

    int size() {
        return queue.size();
    }
}
