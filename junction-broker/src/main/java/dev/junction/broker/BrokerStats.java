package dev.junction.broker;

import java.util.List;

/**
 * A snapshot of a broker's counters, taken on its socket thread. Immutable.
 *
 * @param clients clients known to the frontend (by routing identity; forgotten on BYE)
 * @param queued requests and notifications waiting for a worker
 * @param requests requests (and batches holding requests) received from clients
 * @param notifications notifications received from clients and handed to a worker
 * @param answered answers delivered from workers to clients
 * @param retried requests sent again to another worker after theirs was lost
 * @param failed requests answered with an error by the broker itself (queue full, no worker,
 *     worker lost, duplicate id, closing)
 * @param workersLost workers dropped (heartbeats stopped, left, reset)
 * @param unmatched answers from workers that matched no request in flight (late, after a retry),
 *     dropped
 * @param workers the registered workers
 */
public record BrokerStats(
        int clients,
        int queued,
        long requests,
        long notifications,
        long answered,
        long retried,
        long failed,
        long workersLost,
        long unmatched,
        List<Worker> workers) {
    public BrokerStats {
        workers = List.copyOf(workers);
    }

    /** The requests in flight on all workers. */
    public int inFlight() {
        return workers.stream().mapToInt(Worker::inFlight).sum();
    }

    /**
     * One registered worker.
     *
     * @param name the name it gave in READY ({@code host/pid#n} by default)
     * @param capacity the most requests the broker gives it at once
     * @param inFlight requests it holds now
     * @param served requests it has answered
     * @param idempotent the method globs it declared idempotent
     */
    public record Worker(String name, int capacity, int inFlight, long served, List<String> idempotent) {
        public Worker {
            idempotent = List.copyOf(idempotent);
        }
    }
}
