package dev.junction.broker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.ErrorCodes;
import dev.junction.codec.Codec;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.Message;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the broker: reads what workers send on the backend (READY, heartbeats, LEAVE
 * and the frames their servers send clients), registers workers with the {@link Dispatcher}, and
 * routes answers to the client whose request they finish and a worker's own notifications and
 * calls to their client. Loop thread only.
 */
final class Backend {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Codec codec;
    private final BrokerSockets sockets;
    private final Dispatcher dispatcher;
    private final Frontend frontend;
    private final BrokerCounters counters;

    Backend(Codec codec, BrokerSockets sockets, Dispatcher dispatcher, Frontend frontend, BrokerCounters counters) {
        this.codec = codec;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.frontend = frontend;
        this.counters = counters;
    }

    /** Reads up to 256 waiting worker messages (then yields to the loop's other sockets). */
    void onReadable() {
        for (int n = 0; n < 256 && sockets.isOpen(); n++) {
            List<byte[]> frames = sockets.receiveFromWorker();
            if (frames == null) {
                return;
            }
            onWorkerMessage(frames);
        }
    }

    private void onWorkerMessage(List<byte[]> frames) {
        if (frames.size() < 2) {
            return;
        }
        byte[] identity = frames.get(0);
        byte[] command = frames.get(1);
        WorkerState worker = dispatcher.worker(ByteBuffer.wrap(identity));
        if (Wire.is(command, Wire.READY)) {
            if (worker != null) {
                dispatcher.dropWorker(worker, "it registered again");
            }
            register(identity, frames);
            return;
        }
        if (worker == null) {
            if (!Wire.is(command, Wire.LEAVE)) {
                sockets.sendToWorker(identity, Wire.WHO); // a worker of an earlier broker, or one dropped
            }
            return;
        }
        worker.lastHeardNanos = System.nanoTime();
        if (Wire.is(command, Wire.OUT) && frames.size() == 4) {
            fromWorker(worker, frames.get(2), frames.get(3));
        } else if (Wire.is(command, Wire.LEAVE)) {
            worker.draining = true;
            log.info("Worker {} leaves after its {} request(s) in flight", worker.name, worker.jobs.size());
            dispatcher.removeIfDrained(worker);
        } else if (!Wire.is(command, Wire.HEARTBEAT)) {
            log.debug("Dropped a malformed message from worker {}", worker.name);
        }
    }

    private void register(byte[] identity, List<byte[]> frames) {
        WorkerState worker;
        try {
            worker = ready(identity, frames);
        } catch (IllegalArgumentException e) {
            log.warn("Refused a worker ({}): {}", Wire.hex(identity), e.getMessage());
            sockets.sendToWorker(identity, Wire.LEAVE);
            return;
        }
        log.info("Worker {} registered (capacity {})", worker.name, worker.capacity);
        dispatcher.addWorker(worker);
    }

    private static WorkerState ready(byte[] identity, List<byte[]> frames) {
        if (frames.size() != 3) {
            throw new IllegalArgumentException("READY must carry one JSON frame");
        }
        JsonNode json;
        try {
            json = JSON.readTree(frames.get(2));
        } catch (IOException e) {
            throw new IllegalArgumentException("READY is not JSON");
        }
        if (json == null || !json.isObject() || json.path("protocol").asInt(-1) != Wire.PROTOCOL) {
            throw new IllegalArgumentException("READY is not a protocol " + Wire.PROTOCOL + " object");
        }
        int capacity = json.path("capacity").asInt(0);
        long heartbeat = json.path("heartbeatMillis").asLong(0);
        if (capacity < 1 || heartbeat < 1) {
            throw new IllegalArgumentException("READY needs capacity >= 1 and heartbeatMillis >= 1");
        }
        List<String> globs = new ArrayList<>();
        json.path("idempotent").forEach(g -> globs.add(g.asText()));
        String name = json.path("name").asText("worker-" + Wire.hex(identity));
        return new WorkerState(identity, name, capacity, heartbeat, MethodPatterns.of(globs));
    }

    /** A frame a worker's server sent one client: an answer, a notification, or a call. */
    private void fromWorker(WorkerState worker, byte[] clientIdentity, byte[] payload) {
        ByteBuffer clientKey = ByteBuffer.wrap(clientIdentity);
        Message message = codec.decode(payload);
        Id answerId = answerId(message);
        if (answerId != null) {
            finishAnswered(worker, new CallKey(clientKey, answerId), payload);
            return;
        }
        ClientState client = frontend.client(clientKey);
        if (client == null || client.lockStep()) {
            refuseCalls(worker, clientIdentity, message, client == null ? "is gone" : "is a REQ socket");
            return;
        }
        recordCalls(worker, clientKey, message);
        sockets.sendToClient(client.envelope, payload);
    }

    private void finishAnswered(WorkerState worker, CallKey call, byte[] payload) {
        Job job = dispatcher.inFlight(call);
        if (job == null || job.worker != worker) {
            counters.unmatched++;
            return;
        }
        dispatcher.finish(job);
        worker.served++;
        counters.answered++;
        sockets.sendToClient(job.envelope, payload);
        dispatcher.removeIfDrained(worker);
        dispatcher.drainQueue();
    }

    /** The id of an answer (or of the first member of a batch of answers with one), else null. */
    private static Id answerId(Message message) {
        if (message instanceof Response response) {
            return response.id();
        }
        if (message instanceof Batch batch && batch.members().stream().allMatch(m -> m instanceof Response)) {
            for (Message m : batch.members()) {
                if (!((Response) m).id().isNull()) {
                    return ((Response) m).id();
                }
            }
        }
        return null;
    }

    private void recordCalls(WorkerState worker, ByteBuffer client, Message message) {
        if (message instanceof Request request) {
            dispatcher.recordCall(new CallKey(client, request.id()), worker);
        } else if (message instanceof Batch batch) {
            for (Message m : batch.members()) {
                recordCalls(worker, client, m);
            }
        }
    }

    /** A worker's calls to a client that cannot take them are answered with an error at once. */
    private void refuseCalls(WorkerState worker, byte[] client, Message message, String why) {
        if (message instanceof Request request) {
            ErrorObject error =
                    ErrorObject.of(ErrorCodes.SERVER_OVERLOADED, "The client " + why + ": it cannot take calls");
            sockets.sendToWorker(worker, Wire.REQUEST, client, codec.encode(Response.failure(request.id(), error)));
        }
    }
}
