package dev.junction.broker.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;

/** One registered worker, by routing identity on the backend. Loop thread only. */
final class WorkerState {
    final ByteBuffer key;
    final byte[] identity;
    final String name;
    final int capacity;
    final long heartbeatMillis;
    final MethodPatterns idempotent;
    final Set<Job> jobs = new LinkedHashSet<>();
    long lastHeardNanos;
    long lastAssigned;
    long served;
    /** It said BYE: no new work; removed once its requests are answered. */
    boolean draining;

    WorkerState(byte[] identity, String name, int capacity, long heartbeatMillis, MethodPatterns idempotent) {
        this.identity = identity;
        this.key = ByteBuffer.wrap(identity);
        this.name = name;
        this.capacity = capacity;
        this.heartbeatMillis = heartbeatMillis;
        this.idempotent = idempotent;
        this.lastHeardNanos = System.nanoTime();
    }

    boolean hasRoom() {
        return !draining && jobs.size() < capacity;
    }

    double load() {
        return jobs.size() / (double) capacity;
    }
}
