package dev.junction.bridge.internal;

import dev.junction.bridge.BridgeStats;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link BridgeStats}. Thread-safe. */
public final class Counters {
    public final AtomicLong forwarded = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    public final AtomicLong retried = new AtomicLong();

    /** A snapshot, with {@code queued} supplied by the caller (the queue knows it). */
    public BridgeStats snapshot(long queued) {
        return new BridgeStats(forwarded.get(), queued, dropped.get(), rejected.get(), failed.get(), retried.get());
    }
}
