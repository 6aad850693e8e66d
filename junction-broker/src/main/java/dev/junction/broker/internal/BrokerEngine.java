package dev.junction.broker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.TransportException;
import dev.junction.broker.BrokerErrors;
import dev.junction.broker.BrokerStats;
import dev.junction.codec.Codec;
import dev.junction.codec.Codecs;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import dev.junction.transport.Endpoint;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The broker itself: a ROUTER for clients (the frontend), a ROUTER for workers (the backend), and
 * the tables between them, all owned by one {@link SocketLoop} thread. Every method but the
 * constructor runs on that thread.
 */
public final class BrokerEngine {
    private static final Logger log = LoggerFactory.getLogger(BrokerEngine.class);
    private static final Set<String> SCHEMES = Set.of("zmq-router", "tcp", "ipc");
    private static final String CANCEL_METHOD = "$/cancelRequest";
    private static final byte[] EMPTY = new byte[0];
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request in flight, by the client that sent it and its id. */
    private record CallKey(ByteBuffer client, Id id) {}

    private final BrokerConfig config;
    private final SocketLoop loop;
    private final Codec codec;
    private final Map<ByteBuffer, ClientState> clients = new HashMap<>();
    private final Map<ByteBuffer, WorkerState> workers = new HashMap<>();
    private final Map<CallKey, Job> inFlight = new HashMap<>();
    private final Map<CallKey, ByteBuffer> callsToClients = new HashMap<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private ZMQ.Socket frontend;
    private ZMQ.Socket backend;
    private long assignments;
    private long requests;
    private long notifications;
    private long answered;
    private long retried;
    private long failed;
    private long workersLost;
    private long unmatched;

    public BrokerEngine(BrokerConfig config, SocketLoop loop) {
        this.config = config;
        this.loop = loop;
        this.codec = Codecs.forName(config.frontend().option("codec", "json"), config.limits());
    }

    /** Binds both sockets; returns the frontend and backend endpoints with their real ports. */
    public Endpoint[] open() {
        String front = ZmqAddresses.of(config.frontend(), SCHEMES, true);
        String back = ZmqAddresses.of(config.backend(), SCHEMES, true);
        try {
            frontend = bind(config.frontend(), front);
            backend = bind(config.backend(), back);
        } catch (RuntimeException e) {
            closeSockets(0);
            throw e;
        }
        loop.register(frontend, this::onFrontendReadable);
        loop.register(backend, this::onBackendReadable);
        loop.schedule(config.heartbeatMillis(), this::tick);
        return new Endpoint[] {withRealPort(config.frontend(), frontend), withRealPort(config.backend(), backend)};
    }

    private ZMQ.Socket bind(Endpoint endpoint, String address) {
        ZMQ.Socket socket = BrokerContext.get().createSocket(SocketType.ROUTER);
        int hwm = Integer.parseInt(endpoint.option("hwm", "1000"));
        socket.setSndHWM(hwm);
        socket.setRcvHWM(hwm);
        socket.setLinger(Long.parseLong(endpoint.option("linger", "1000")));
        socket.setMaxMsgSize(config.limits().maxFrameBytes());
        socket.setRouterHandover(true);
        try {
            socket.bind(address);
        } catch (org.zeromq.ZMQException e) {
            socket.close();
            throw new TransportException("Cannot bind " + endpoint + " (" + address + "): " + e.getMessage(), e);
        }
        return socket;
    }

    private static Endpoint withRealPort(Endpoint endpoint, ZMQ.Socket socket) {
        String last = socket.getLastEndpoint();
        if (last == null || !last.startsWith("tcp://")) {
            return endpoint;
        }
        return endpoint.withPort(Integer.parseInt(last.substring(last.lastIndexOf(':') + 1)));
    }

    // ---------------------------------------------------------------- frontend: clients

    private void onFrontendReadable() {
        for (int n = 0; n < 256 && frontend != null; n++) {
            List<byte[]> frames = receive(frontend);
            if (frames == null) {
                return;
            }
            onClientMessage(frames);
        }
    }

    private void onClientMessage(List<byte[]> frames) {
        if (log.isTraceEnabled()) {
            log.trace(
                    "From client {}: {} frame(s), payload of {} byte(s)",
                    Wire.hex(frames.get(0)),
                    frames.size(),
                    frames.get(frames.size() - 1).length);
        }
        if (frames.size() < 2) {
            log.debug("Dropped a client message without a payload frame");
            return;
        }
        byte[] payload = frames.get(frames.size() - 1);
        List<byte[]> envelope = new ArrayList<>(frames.subList(0, frames.size() - 1));
        ByteBuffer key = ByteBuffer.wrap(frames.get(0));
        ClientState client = clients.get(key);
        if (Wire.is(payload, Wire.BYE)) {
            if (client != null) {
                clientGone(client);
            }
            return;
        }
        if (client == null && Wire.startsWith(payload, Wire.BYE_FOR)) {
            forgetIdentity(payload, key);
            if (ClientState.lockStep(envelope)) {
                sendToClient(envelope, EMPTY);
            }
            return;
        }
        if (client == null) {
            client = new ClientState(frames.get(0), envelope);
            clients.put(client.key, client);
        }
        client.envelope = envelope;
        if (Wire.isControl(payload)) {
            if (Wire.startsWith(payload, Wire.BYE_FOR)) {
                forgetIdentity(payload, key);
            }
            if (client.lockStep() && !Wire.is(payload, Wire.HELLO)) {
                sendToClient(envelope, EMPTY);
            }
            return;
        }
        route(client, codec.decode(payload), payload);
    }

    private void route(ClientState client, Message message, byte[] payload) {
        if (message instanceof Request request) {
            submit(new Job(client, payload, List.of(request.id()), List.of(request.method()), false));
        } else if (message instanceof Notification notification) {
            ackLockStep(client);
            if (!cancel(client, notification)) {
                notifications++;
                submit(new Job(client, payload, List.of(), List.of(notification.method()), false));
            }
        } else if (message instanceof Batch batch) {
            routeBatch(client, batch, payload);
        } else if (message instanceof Response response) {
            ackLockStep(client);
            answerToWorker(client, response.id(), payload);
        } else if (message instanceof InvalidMessage invalid) {
            if (invalid.wasResponse()) {
                ackLockStep(client);
                answerToWorker(client, invalid.id(), payload);
            } else {
                failed++;
                sendToClient(client.envelope, codec.encode(Response.failure(invalid.id(), invalid.error())));
            }
        }
    }

    private void ackLockStep(ClientState client) {
        if (client.lockStep()) {
            sendToClient(client.envelope, EMPTY);
        }
    }

    /**
     * A batch holding requests goes to one worker as a whole and is answered as a whole. A batch of
     * only notifications and invalid members: the broker answers the invalid members itself and
     * hands the notifications to one worker.
     */
    private void routeBatch(ClientState client, Batch batch, byte[] payload) {
        List<Id> ids = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<Message> notes = new ArrayList<>();
        List<Message> errors = new ArrayList<>();
        for (Message member : batch.members()) {
            if (member instanceof Request request) {
                ids.add(request.id());
                methods.add(request.method());
            } else if (member instanceof Notification notification) {
                notes.add(notification);
            } else if (member instanceof InvalidMessage invalid && !invalid.wasResponse()) {
                errors.add(Response.failure(invalid.id(), invalid.error()));
            }
        }
        if (!ids.isEmpty()) {
            submit(new Job(client, payload, ids, methods, true));
            return;
        }
        if (errors.isEmpty()) {
            ackLockStep(client);
        } else {
            failed++;
            sendToClient(client.envelope, codec.encode(new Batch(errors)));
        }
        if (!notes.isEmpty()) {
            notifications++;
            List<String> names =
                    notes.stream().map(n -> ((Notification) n).method()).toList();
            submit(new Job(client, codec.encode(new Batch(notes)), List.of(), names, true));
        }
    }

    /**
     * {@code $/cancelRequest {"id": N}} for a request of this client: dropped from the queue (and
     * answered -32800), or passed to the worker holding it. True when it was such a cancel.
     */
    private boolean cancel(ClientState client, Notification notification) {
        if (!CANCEL_METHOD.equals(notification.method())
                || notification.params() == null
                || !notification.params().isObject()) {
            return false;
        }
        Id id = idOf(notification.params().get("id"));
        Job job = id == null ? null : inFlight.get(new CallKey(client.key, id));
        if (job == null) {
            return id != null; // a cancel for an answered call: nothing to do
        }
        if (job.worker != null) {
            sendToWorker(job.worker, Wire.REQUEST, client.identity, codec.encode(notification));
        } else if (queue.remove(job)) {
            finish(job);
            if (job.ids.size() == 1) {
                sendToClient(
                        job.envelope,
                        codec.encode(Response.failure(
                                id, ErrorObject.of(ErrorCodes.REQUEST_CANCELLED, "Request cancelled"))));
            } else {
                failJob(job, ErrorCodes.REQUEST_CANCELLED, "Request cancelled", null);
            }
        }
        return true;
    }

    private static Id idOf(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return Id.of(node.asText());
        }
        if (node.isIntegralNumber()) {
            return Id.ofNumberText(node.asText());
        }
        return null;
    }

    private void answerToWorker(ClientState client, Id id, byte[] payload) {
        ByteBuffer worker = id == null ? null : callsToClients.remove(new CallKey(client.key, id));
        WorkerState target = worker == null ? null : workers.get(worker);
        if (target != null) {
            sendToWorker(target, Wire.REQUEST, client.identity, payload);
        } else {
            log.debug("Dropped an answer from client {} that matches no call of a worker", Wire.hex(client.identity));
        }
    }

    private void forgetIdentity(byte[] byeFor, ByteBuffer sender) {
        byte[] gone = java.util.Arrays.copyOfRange(byeFor, Wire.BYE_FOR.length, byeFor.length);
        ClientState old = clients.get(ByteBuffer.wrap(gone));
        if (old != null && !old.key.equals(sender)) {
            clientGone(old);
        }
    }

    /** The client left: its workers close its connection; its queued messages are dropped. */
    private void clientGone(ClientState client) {
        clients.remove(client.key);
        for (ByteBuffer key : client.workers) {
            WorkerState worker = workers.get(key);
            if (worker != null) {
                sendToWorker(worker, Wire.GONE, client.identity, null);
            }
        }
        queue.removeIf(job -> {
            if (job.client == client) {
                finish(job);
                return true;
            }
            return false;
        });
        callsToClients.keySet().removeIf(k -> k.client().equals(client.key));
    }

    // ---------------------------------------------------------------- dispatch

    private void submit(Job job) {
        if (job.expectsAnswer()) {
            requests++;
            for (Id id : job.ids) {
                if (inFlight.containsKey(new CallKey(job.client.key, id))) {
                    failJob(
                            job,
                            ErrorCodes.INVALID_REQUEST,
                            "Request id " + id + " is already in flight from this client",
                            null);
                    return;
                }
            }
            for (Id id : job.ids) {
                inFlight.put(new CallKey(job.client.key, id), job);
            }
        }
        WorkerState worker = job.expectsAnswer() ? leastBusy(true) : leastBusy(false);
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
        worker.lastAssigned = ++assignments;
        job.client.workers.add(worker.key);
        if (job.expectsAnswer()) {
            job.worker = worker;
            job.attempts++;
            worker.jobs.add(job);
        }
        sendToWorker(worker, Wire.REQUEST, job.client.identity, job.payload);
    }

    private void drainQueue() {
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
    private void finish(Job job) {
        for (Id id : job.ids) {
            inFlight.remove(new CallKey(job.client.key, id), job);
        }
        if (job.worker != null) {
            job.worker.jobs.remove(job);
            job.worker = null;
        }
    }

    private void failJob(Job job, int code, String message, JsonNode data) {
        failed++;
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
        sendToClient(job.envelope, answer);
    }

    // ---------------------------------------------------------------- backend: workers

    private void onBackendReadable() {
        for (int n = 0; n < 256 && backend != null; n++) {
            List<byte[]> frames = receive(backend);
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
        WorkerState worker = workers.get(ByteBuffer.wrap(identity));
        if (Wire.is(command, Wire.READY)) {
            if (worker != null) {
                dropWorker(worker, "it registered again");
            }
            register(identity, frames);
            return;
        }
        if (worker == null) {
            if (!Wire.is(command, Wire.LEAVE)) {
                sendFrames(backend, identity, Wire.WHO); // a worker of an earlier broker, or one dropped
            }
            return;
        }
        worker.lastHeardNanos = System.nanoTime();
        if (Wire.is(command, Wire.OUT) && frames.size() == 4) {
            fromWorker(worker, frames.get(2), frames.get(3));
        } else if (Wire.is(command, Wire.LEAVE)) {
            worker.draining = true;
            log.info("Worker {} leaves after its {} request(s) in flight", worker.name, worker.jobs.size());
            removeIfDrained(worker);
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
            sendFrames(backend, identity, Wire.LEAVE);
            return;
        }
        workers.put(worker.key, worker);
        log.info("Worker {} registered (capacity {})", worker.name, worker.capacity);
        drainQueue();
    }

    private static WorkerState ready(byte[] identity, List<byte[]> frames) {
        if (frames.size() != 3) {
            throw new IllegalArgumentException("READY must carry one JSON frame");
        }
        JsonNode json;
        try {
            json = JSON.readTree(frames.get(2));
        } catch (java.io.IOException e) {
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

    private void removeIfDrained(WorkerState worker) {
        if (worker.draining && worker.jobs.isEmpty()) {
            workers.remove(worker.key);
            callsToClients.values().removeIf(worker.key::equals);
        }
    }

    /** A frame a worker's server sent one client: an answer, a notification, or a call. */
    private void fromWorker(WorkerState worker, byte[] clientIdentity, byte[] payload) {
        ByteBuffer clientKey = ByteBuffer.wrap(clientIdentity);
        Message message = codec.decode(payload);
        Id answerId = answerId(message);
        if (answerId != null) {
            Job job = inFlight.get(new CallKey(clientKey, answerId));
            if (job != null && job.worker == worker) {
                finish(job);
                worker.served++;
                answered++;
                sendToClient(job.envelope, payload);
                removeIfDrained(worker);
                drainQueue();
            } else {
                unmatched++;
            }
            return;
        }
        ClientState client = clients.get(clientKey);
        if (client == null || client.lockStep()) {
            refuseCalls(worker, clientIdentity, message, client == null ? "is gone" : "is a REQ socket");
            return;
        }
        recordCalls(worker, clientKey, message);
        sendToClient(client.envelope, payload);
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
            callsToClients.put(new CallKey(client, request.id()), worker.key);
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
            sendToWorker(worker, Wire.REQUEST, client, codec.encode(Response.failure(request.id(), error)));
        }
    }

    /**
     * Drops a worker: its idempotent requests that have not been retried yet go to another worker,
     * the rest are answered {@link BrokerErrors#WORKER_LOST}.
     */
    private void dropWorker(WorkerState worker, String reason) {
        workers.remove(worker.key);
        workersLost++;
        callsToClients.values().removeIf(worker.key::equals);
        List<Job> jobs = new ArrayList<>(worker.jobs);
        worker.jobs.clear();
        log.warn("Worker {} dropped ({}) with {} request(s) in flight", worker.name, reason, jobs.size());
        for (Job job : jobs) {
            job.worker = null;
            boolean idempotent =
                    job.methods.stream().allMatch(m -> config.idempotent().matches(m) || worker.idempotent.matches(m));
            if (idempotent && job.attempts < 2) {
                retried++;
                WorkerState other = leastBusy(true);
                if (other != null) {
                    assign(job, other);
                } else {
                    job.queuedNanos = System.nanoTime();
                    queue.addFirst(job);
                }
            } else {
                finish(job);
                String why = idempotent
                        ? "it had been retried once already"
                        : "not retried: " + (job.batch ? "not every method of it is" : "the method is not")
                                + " idempotent";
                ObjectNode data = JSON.createObjectNode()
                        .put("worker", worker.name)
                        .put("method", job.batch ? "(batch)" : job.methods.get(0))
                        .put("attempts", job.attempts)
                        .put("reason", reason);
                failJob(
                        job,
                        BrokerErrors.WORKER_LOST,
                        "Worker '" + worker.name + "' was lost (" + reason + ") while handling " + job.describe() + "; "
                                + why,
                        data);
            }
        }
    }

    // ---------------------------------------------------------------- timers

    private void tick() {
        long now = System.nanoTime();
        for (WorkerState worker : new ArrayList<>(workers.values())) {
            long silentMillis = (now - worker.lastHeardNanos) / 1_000_000L;
            if (silentMillis > worker.heartbeatMillis * config.liveness()) {
                dropWorker(worker, "no heartbeat for " + silentMillis + " ms");
            } else {
                sendFrames(backend, worker.identity, Wire.HEARTBEAT);
            }
        }
        expireQueue(now);
        drainQueue();
        loop.schedule(config.heartbeatMillis(), this::tick);
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
                ObjectNode data = JSON.createObjectNode()
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

    // ---------------------------------------------------------------- stats and closing

    /** The counters now. */
    public BrokerStats stats() {
        List<BrokerStats.Worker> list = new ArrayList<>();
        for (WorkerState w : workers.values()) {
            list.add(new BrokerStats.Worker(w.name, w.capacity, w.jobs.size(), w.served, w.idempotent.globs()));
        }
        list.sort(java.util.Comparator.comparing(BrokerStats.Worker::name));
        return new BrokerStats(
                clients.size(),
                queue.size(),
                requests,
                notifications,
                answered,
                retried,
                failed,
                workersLost,
                unmatched,
                list);
    }

    /**
     * Closes in order: every request queued or in flight is answered {@link
     * BrokerErrors#BROKER_CLOSING}, DEALER clients get BYE (a Junction client then closes), workers
     * get BYE (they reset and wait for a broker), and both sockets close with their linger.
     */
    public void close() {
        if (frontend == null) {
            return;
        }
        List<Job> jobs = new ArrayList<>(queue);
        queue.clear();
        workers.values().forEach(w -> jobs.addAll(w.jobs));
        for (Job job : jobs) {
            finish(job);
            if (job.expectsAnswer()) {
                failJob(job, BrokerErrors.BROKER_CLOSING, "The broker is closing", null);
            }
        }
        for (ClientState client : clients.values()) {
            if (!client.lockStep()) {
                sendToClient(client.envelope, Wire.BYE);
            }
        }
        for (WorkerState worker : workers.values()) {
            sendFrames(backend, worker.identity, Wire.LEAVE);
        }
        closeSockets(-1);
    }

    private void closeSockets(long linger) {
        for (ZMQ.Socket s : new ZMQ.Socket[] {frontend, backend}) {
            if (s != null) {
                loop.unregister(s);
                if (linger >= 0) {
                    s.setLinger(linger);
                }
                s.close();
            }
        }
        frontend = null;
        backend = null;
    }

    // ---------------------------------------------------------------- sockets

    private static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(4);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private void sendToClient(List<byte[]> envelope, byte[] payload) {
        if (frontend == null) {
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("To client {}: payload of {} byte(s)", Wire.hex(envelope.get(0)), payload.length);
        }
        for (byte[] frame : envelope) {
            if (!frontend.send(frame, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return;
            }
        }
        frontend.send(payload, ZMQ.DONTWAIT);
    }

    private void sendToWorker(WorkerState worker, byte[] command, byte[] client, byte[] payload) {
        if (payload == null) {
            sendFrames(backend, worker.identity, command, client);
        } else {
            sendFrames(backend, worker.identity, command, client, payload);
        }
    }

    private static void sendFrames(ZMQ.Socket socket, byte[]... frames) {
        if (socket == null) {
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean more = i < frames.length - 1;
            if (!socket.send(frames[i], (more ? ZMQ.SNDMORE : 0) | ZMQ.DONTWAIT)) {
                return;
            }
        }
    }
}
