package dev.junction.broker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.codec.Codec;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the broker: reads what clients send on the frontend, keeps one {@link
 * ClientState} per routing identity, and turns requests, notifications and batches into {@link Job}s
 * for the {@link Dispatcher}; answers to workers' calls go back to the worker that made them. REQ
 * clients get the empty acknowledgement their lock-step needs. Loop thread only.
 */
final class Frontend {
    private static final Logger log = LoggerFactory.getLogger(Frontend.class);
    private static final String CANCEL_METHOD = "$/cancelRequest";
    private static final byte[] EMPTY = new byte[0];

    private final Codec codec;
    private final BrokerSockets sockets;
    private final Dispatcher dispatcher;
    private final BrokerCounters counters;
    private final Map<ByteBuffer, ClientState> clients = new HashMap<>();

    Frontend(Codec codec, BrokerSockets sockets, Dispatcher dispatcher, BrokerCounters counters) {
        this.codec = codec;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.counters = counters;
    }

    /** Reads up to 256 waiting client messages (then yields to the loop's other sockets). */
    void onReadable() {
        for (int n = 0; n < 256 && sockets.isOpen(); n++) {
            List<byte[]> frames = sockets.receiveFromClient();
            if (frames == null) {
                return;
            }
            onClientMessage(frames);
        }
    }

    ClientState client(ByteBuffer key) {
        return clients.get(key);
    }

    Iterable<ClientState> clients() {
        return clients.values();
    }

    int clientCount() {
        return clients.size();
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
                sockets.sendToClient(envelope, EMPTY);
            }
            return;
        }
        if (client == null) {
            client = new ClientState(frames.get(0), envelope);
            clients.put(client.key, client);
        }
        client.envelope = envelope;
        if (Wire.isControl(payload)) {
            onControl(client, payload, key);
            return;
        }
        route(client, codec.decode(payload), payload);
    }

    private void onControl(ClientState client, byte[] payload, ByteBuffer key) {
        if (Wire.startsWith(payload, Wire.BYE_FOR)) {
            forgetIdentity(payload, key);
        }
        if (client.lockStep() && !Wire.is(payload, Wire.HELLO)) {
            sockets.sendToClient(client.envelope, EMPTY);
        }
    }

    private void route(ClientState client, Message message, byte[] payload) {
        if (message instanceof Request request) {
            dispatcher.submit(new Job(client, payload, List.of(request.id()), List.of(request.method()), false));
        } else if (message instanceof Notification notification) {
            ackLockStep(client);
            if (!cancel(client, notification)) {
                counters.notifications++;
                dispatcher.submit(new Job(client, payload, List.of(), List.of(notification.method()), false));
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
                counters.failed++;
                sockets.sendToClient(client.envelope, codec.encode(Response.failure(invalid.id(), invalid.error())));
            }
        }
    }

    private void ackLockStep(ClientState client) {
        if (client.lockStep()) {
            sockets.sendToClient(client.envelope, EMPTY);
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
            dispatcher.submit(new Job(client, payload, ids, methods, true));
            return;
        }
        if (errors.isEmpty()) {
            ackLockStep(client);
        } else {
            counters.failed++;
            sockets.sendToClient(client.envelope, codec.encode(new Batch(errors)));
        }
        if (!notes.isEmpty()) {
            counters.notifications++;
            List<String> names =
                    notes.stream().map(n -> ((Notification) n).method()).toList();
            dispatcher.submit(new Job(client, codec.encode(new Batch(notes)), List.of(), names, true));
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
        Job job = id == null ? null : dispatcher.inFlight(new CallKey(client.key, id));
        if (job == null) {
            return id != null; // a cancel for an answered call: nothing to do
        }
        if (job.worker != null) {
            sockets.sendToWorker(job.worker, Wire.REQUEST, client.identity, codec.encode(notification));
        } else if (dispatcher.unqueue(job)) {
            dispatcher.finish(job);
            if (job.ids.size() == 1) {
                ErrorObject cancelled = ErrorObject.of(ErrorCodes.REQUEST_CANCELLED, "Request cancelled");
                sockets.sendToClient(job.envelope, codec.encode(Response.failure(id, cancelled)));
            } else {
                dispatcher.failJob(job, ErrorCodes.REQUEST_CANCELLED, "Request cancelled", null);
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
        WorkerState target = id == null ? null : dispatcher.takeCaller(new CallKey(client.key, id));
        if (target != null) {
            sockets.sendToWorker(target, Wire.REQUEST, client.identity, payload);
        } else {
            log.debug("Dropped an answer from client {} that matches no call of a worker", Wire.hex(client.identity));
        }
    }

    private void forgetIdentity(byte[] byeFor, ByteBuffer sender) {
        byte[] gone = Arrays.copyOfRange(byeFor, Wire.BYE_FOR.length, byeFor.length);
        ClientState old = clients.get(ByteBuffer.wrap(gone));
        if (old != null && !old.key.equals(sender)) {
            clientGone(old);
        }
    }

    /** The client left: its workers close its connection; its queued messages are dropped. */
    private void clientGone(ClientState client) {
        clients.remove(client.key);
        for (ByteBuffer key : client.workers) {
            WorkerState worker = dispatcher.worker(key);
            if (worker != null) {
                sockets.sendToWorker(worker, Wire.GONE, client.identity, null);
            }
        }
        dispatcher.forgetClient(client);
    }
}
