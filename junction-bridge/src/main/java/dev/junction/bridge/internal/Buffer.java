package dev.junction.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.Junction;
import dev.junction.RpcContext;
import dev.junction.bridge.BridgeStats;
import dev.junction.bridge.Overflow;
import dev.junction.bridge.ReplyMode;
import dev.junction.service.MethodHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A buffered bridge's inside: the inbound handler (run inline on the transport thread, so that
 * messages are queued in arrival order) that queues every request and notification, the queue
 * (optionally journaled), and the thread that delivers it. Thread-safe.
 */
public final class Buffer implements MethodHandler, AutoCloseable {
    private final DeliveryQueue queue;
    private final Downstream downstream;
    private final Deliverer deliverer;
    private final Thread thread;
    private final ReplyMode reply;
    private final Counters counters;
    private final boolean notifyOnly;

    /**
     * Opens the journal (if any), restores what it holds, and starts delivering.
     *
     * @throws IllegalStateException if the journal cannot be opened or read
     */
    public Buffer(
            String to,
            int capacity,
            Overflow overflow,
            Path journalDirectory,
            ReplyMode reply,
            Duration retryInterval,
            Supplier<Junction.ClientBuilder> builders,
            Counters counters,
            boolean notifyOnly) {
        this.reply = reply;
        this.notifyOnly = notifyOnly;
        this.counters = counters;
        Journal journal = journalDirectory == null ? null : Journal.open(journalDirectory);
        String bridgeId;
        try {
            bridgeId = journal == null ? UUID.randomUUID().toString() : journal.bridgeId();
            this.queue = new DeliveryQueue(capacity, overflow, to, journal, counters);
        } catch (RuntimeException e) {
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
        Deliverer.DeliveryIds ids = new Deliverer.DeliveryIds(bridgeId);
        this.downstream = new Downstream(to, () -> builders.get().idGenerator(ids));
        this.deliverer = new Deliverer(queue, downstream, ids, to, retryInterval, counters);
        this.thread = new Thread(deliverer, "junction-bridge-deliverer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Object handle(RpcContext context, JsonNode params) {
        boolean request = !context.isNotification();
        boolean waits = request && reply == ReplyMode.DOWNSTREAM && !notifyOnly;
        Entry entry;
        try {
            entry = queue.offer(context.method(), params, request && !notifyOnly, waits);
        } catch (RuntimeException refused) {
            if (request) {
                throw refused;
            }
            return null;
        }
        if (!request) {
            return null;
        }
        if (waits) {
            return entry.answer;
        }
        return entry.accepted.thenApply(v -> accepted(entry.seq));
    }

    /**
     * The answer to a request accepted and not answered by the downstream: {@code {"accepted":
     * true}}, with its {@code seq} when it was queued.
     */
    static JsonNode accepted(Long seq) {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                JsonNodeFactory.instance.objectNode().put("accepted", true);
        if (seq != null) {
            node.put("seq", seq);
        }
        return node;
    }

    public BridgeStats stats() {
        return counters.snapshot(queue.size());
    }

    @Override
    public void close() {
        deliverer.stop();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
        downstream.close();
    }
}
