package dev.junction.broker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.broker.BrokerErrors;
import dev.junction.codec.Codec;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.Message;
import dev.junction.message.Response;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which worker gets which job: the registered workers, the bounded queue of jobs no worker has room
 * for, the requests in flight by client and id, and the calls workers made to clients. Dispatches
 * least busy first, retries a lost worker's idempotent requests once and answers the rest with an
 * error. Loop thread only.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final BrokerConfig config;
    private final Codec codec;
    private final BrokerSockets sockets;
    private final BrokerCounters counters;
    private final Map<ByteBuffer, WorkerState> workers = new HashMap<>();
    private final Map<CallKey, Job> inFlight = new HashMap<>();
    private final Map<CallKey, ByteBuffer> callsToClients = new HashMap<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();

    Dispatcher(BrokerConfig config, Codec codec, BrokerSockets sockets, BrokerCounters counters) {
        this.config = config;
        this.codec = codec;
        this.sockets = sockets;
        this.counters = counters;
    }

    // ---------------------------------------------------------------- jobs

    /** Registers the job's requests in flight and gives it to a worker, or queues or refuses it. */
    void submit(Job job) {
        if (job.expectsAnswer() && !registerInFlight(job)) {
            return;
        }
        WorkerState worker = leastBusy(job.expectsAnswer());
        if (worker != null) {
            assign(job, worker);
        } else if (queue.size() >= config.queueLimit()) {
            finish(job);
            if (job.expectsAnswer()) {
                failJob(
                        job,
                        BrokerErrors.QUEUE_FULL,
                        "The broker's queue is full (queueLimit=" + config.queueLimit() + "): no worker has room",
                        null);
            }
        } else {
            job.queuedNanos = System.nanoTime();
            queue.add(job);
        }
    }

    private boolean registerInFlight(Job job) {
        counters.requests++;
        for (Id id : job.ids) {
            if (inFlight.containsKey(new CallKey(job.client.key, id))) {
                failJob(
                        job,
                        ErrorCodes.INVALID_REQUEST,
                        "Request id " + id + " is already in flight from this client",
                        null);
                return false;
            }
        }
        for (Id id : job.ids) {
            inFlight.put(new CallKey(job.client.key, id), job);
        }
        return true;
    }

    /**
     * The worker with the lowest share of its capacity in use; among equals, the one given work
     * longest ago. With {@code needRoom} only workers below their capacity count (requests);
     * notifications take no slot and go to the least busy worker even when all are full.
     */
    private WorkerState leastBusy(boolean needRoom) {
        WorkerState best = null;
        for (WorkerState w : workers.values()) {
            if (w.draining || needRoom && !w.hasRoom()) {
                continue;
            }
            if (best == null
                    || w.load() < best.load()
                    || w.load() == best.load() && w.lastAssigned < best.lastAssigned) {
                best = w;
            }
        }
        return best;
    }

    private void assign(Job job, WorkerState worker) {
        if (log.isDebugEnabled()) {
            log.debug("{} goes to worker {} (attempt {})", job.describe(), worker.name, job.attempts + 1);
        }
        worker.lastAssigned = ++counters.assignments;
        job.client.workers.add(worker.key);
        if (job.expectsAnswer()) {
            job.worker = worker;
            job.attempts++;
            worker.jobs.add(job);
        }
        sockets.sendToWorker(worker, Wire.REQUEST, job.client.identity, job.payload);
    }

    /** Gives queued jobs, oldest first, to workers with room until none has any. */
    void drainQueue() {
        while (!queue.isEmpty()) {
            Job next = queue.peek();
            WorkerState worker = leastBusy(next.expectsAnswer());
            if (worker == null) {
                return;
            }
            queue.poll();
            assign(next, worker);
        }
    }

    /** The job leaves the in-flight table (answered, failed, cancelled or dropped). */
    void finish(Job job) {
        for (Id id : job.ids) {
            inFlight.remove(new CallKey(job.client.key, id), job);
        }
        if (job.worker != null) {
            job.worker.jobs.remove(job);
            job.worker = null;
        }
    }

    /** Answers every request of the job with this error (one answer, or a batch of them). */
    void failJob(Job job, int code, String message, JsonNode data) {
        counters.failed++;
        ErrorObject error = new ErrorObject(code, message, data);
        byte[] answer;
        if (job.batch) {
            List<Message> members = new ArrayList<>();
            for (Id id : job.ids) {
                members.add(Response.failure(id, error));
            }
            answer = codec.encode(new Batch(members));
        } else {
            answer = codec.encode(Response.failure(job.ids.get(0), error));
        }
        sockets.sendToClient(job.envelope, answer);
    }

    /** The job in flight holding this client's request id, or null. */
    Job inFlight(CallKey key) {
        return inFlight.get(key);
    }

    /** Takes the job out of the queue; false when it was not queued (a worker has it). */
    boolean unqueue(Job job) {
        return queue.remove(job);
    }

    /** The client left: its queued jobs are dropped and the calls workers made to it forgotten. */
    void forgetClient(ClientState client) {
        queue.removeIf(job -> {
            if (job.client == client) {
                finish(job);
                return true;
            }
            return false;
        });
        callsToClients.keySet().removeIf(k -> k.client().equals(client.key));
    }

    /** Every job queued or in flight, taken out of both; for closing. */
    List<Job> takeAllJobs() {
        List<Job> jobs = new ArrayList<>(queue);
        queue.clear();
        workers.values().forEach(w -> jobs.addAll(w.jobs));
        return jobs;
    }

    int queued() {
        return queue.size();
    }

    // ---------------------------------------------------------------- calls from workers to clients

    /** A worker called a client: the client's answer to that id goes back to this worker. */
    void recordCall(CallKey call, WorkerState worker) {
        callsToClients.put(call, worker.key);
    }

    /** The worker waiting for the client's answer to that call (now forgotten), or null. */
    WorkerState takeCaller(CallKey call) {
        ByteBuffer worker = callsToClients.remove(call);
        return worker == null ? null : workers.get(worker);
    }

    // ---------------------------------------------------------------- workers

    WorkerState worker(ByteBuffer key) {
        return workers.get(key);
    }

    Iterable<WorkerState> workers() {
        return workers.values();
    }

    int workerCount() {
        return workers.size();
    }

    void addWorker(WorkerState worker) {
        workers.put(worker.key, worker);
        drainQueue();
    }

    /** Removes a worker that said LEAVE once its last request is answered. */
    void removeIfDrained(WorkerState worker) {
        if (worker.draining && worker.jobs.isEmpty()) {
            workers.remove(worker.key);
            callsToClients.values().removeIf(worker.key::equals);
        }
    }

    /**
     * Drops a worker: its idempotent requests that have not been retried yet go to another worker,
     * the rest are answered {@link BrokerErrors#WORKER_LOST}.
     */
    void dropWorker(WorkerState worker, String reason) {
        workers.remove(worker.key);
        counters.workersLost++;
        callsToClients.values().removeIf(worker.key::equals);
        List<Job> jobs = new ArrayList<>(worker.jobs);
        worker.jobs.clear();
        log.warn("Worker {} dropped ({}) with {} request(s) in flight", worker.name, reason, jobs.size());
        for (Job job : jobs) {
            job.worker = null;
            boolean idempotent =
                    job.methods.stream().allMatch(m -> config.idempotent().matches(m) || worker.idempotent.matches(m));
            if (idempotent && job.attempts < 2) {
                retry(job);
            } else {
                finish(job);
                failLost(job, worker, reason, idempotent);
            }
        }
    }

    private void retry(Job job) {
        counters.retried++;
        WorkerState other = leastBusy(true);
        if (other != null) {
            assign(job, other);
        } else {
            job.queuedNanos = System.nanoTime();
            queue.addFirst(job);
        }
    }

    private void failLost(Job job, WorkerState worker, String reason, boolean idempotent) {
        String why = idempotent
                ? "it had been retried once already"
                : "not retried: " + (job.batch ? "not every method of it is" : "the method is not") + " idempotent";
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("worker", worker.name)
                .put("method", job.batch ? "(batch)" : job.methods.get(0))
                .put("attempts", job.attempts)
                .put("reason", reason);
        failJob(
                job,
                BrokerErrors.WORKER_LOST,
                "Worker '" + worker.name + "' was lost (" + reason + ") while handling " + job.describe() + "; " + why,
                data);
    }

    // ---------------------------------------------------------------- timers

    /** One heartbeat period: drops silent workers, pings the others, expires and drains the queue. */
    void tick() {
        long now = System.nanoTime();
        for (WorkerState worker : new ArrayList<>(workers.values())) {
            long silentMillis = (now - worker.lastHeardNanos) / 1_000_000L;
            if (silentMillis > worker.heartbeatMillis * config.liveness()) {
                dropWorker(worker, "no heartbeat for " + silentMillis + " ms");
            } else {
                sockets.sendToWorker(worker.identity, Wire.HEARTBEAT);
            }
        }
        expireQueue(now);
        drainQueue();
    }

    private void expireQueue(long now) {
        for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
            Job job = it.next();
            long waited = (now - job.queuedNanos) / 1_000_000L;
            if (waited < config.queueTimeoutMillis()) {
                continue;
            }
            it.remove();
            finish(job);
            if (job.expectsAnswer()) {
                ObjectNode data = JsonNodeFactory.instance
                        .objectNode()
                        .put("method", job.batch ? "(batch)" : job.methods.get(0))
                        .put("waitedMillis", waited)
                        .put("workers", workers.size());
                failJob(
                        job,
                        BrokerErrors.NO_WORKER,
                        "No worker had room for " + job.describe() + " within " + config.queueTimeoutMillis() + " ms ("
                                + workers.size() + " worker(s) registered)",
                        data);
            }
        }
    }
}
