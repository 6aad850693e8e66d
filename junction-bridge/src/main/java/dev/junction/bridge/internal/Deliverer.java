package dev.junction.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.message.Id;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that delivers a buffered bridge's queue, strictly in order and one message at a
 * time: it sends the oldest accepted entry, waits until the downstream has it (a request: answered,
 * with a result or an error; a notification: written), then forgets it and takes the next. When the
 * downstream cannot be reached, closes the connection, or does not answer in time, it waits {@code
 * retryInterval}, connects again and sends the same entry again, under the same request id ({@code
 * <bridgeId>-<seq>}), so that a downstream that saw it before can tell.
 */
final class Deliverer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryQueue queue;
    private final Downstream downstream;
    private final DeliveryIds ids;
    private final String to;
    private final Duration retryInterval;
    private final Counters counters;
    private volatile boolean running = true;
    private boolean linkDown;

    Deliverer(
            DeliveryQueue queue,
            Downstream downstream,
            DeliveryIds ids,
            String to,
            Duration retryInterval,
            Counters counters) {
        this.queue = queue;
        this.downstream = downstream;
        this.ids = ids;
        this.to = to;
        this.retryInterval = retryInterval;
        this.counters = counters;
    }

    @Override
    public void run() {
        try {
            while (running) {
                Entry entry = queue.awaitNext(1_000);
                if (entry != null && deliver(entry)) {
                    queue.delivered(entry);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    void stop() {
        running = false;
    }

    /** Delivers until the downstream has it (true) or the bridge closes (false). */
    private boolean deliver(Entry entry) throws InterruptedException {
        boolean first = true;
        while (running) {
            if (!first) {
                counters.retried.incrementAndGet();
                Thread.sleep(retryInterval.toMillis());
            }
            first = false;
            RpcClient client;
            try {
                client = downstream.get();
            } catch (RuntimeException e) {
                down("cannot connect: " + e.getMessage());
                continue;
            }
            if (sendOnce(client, entry)) {
                if (linkDown) {
                    linkDown = false;
                    log.info("Bridge: downstream {} is back; delivering {} queued", to, queue.size());
                }
                return true;
            }
        }
        return false;
    }

    private boolean sendOnce(RpcClient client, Entry entry) throws InterruptedException {
        Params params = entry.params == null ? Params.none() : Params.ofTree(entry.params);
        if (!entry.request) {
            try {
                client.notify(entry.method, params);
                counters.forwarded.incrementAndGet();
                return true;
            } catch (RuntimeException e) {
                downstream.discard(client);
                down(e.getMessage());
                return false;
            }
        }
        CompletableFuture<JsonNode> call;
        ids.next(entry.seq);
        call = client.callAsync(entry.method, JsonNode.class, params);
        try {
            JsonNode result = call.get();
            // counted before the caller hears and before it leaves the queue: stats never lag behind
            counters.forwarded.incrementAndGet();
            if (entry.answer != null) {
                entry.answer.complete(result);
            }
            return true;
        } catch (ExecutionException e) {
            Throwable cause = BridgeErrors.unwrap(e);
            if (cause instanceof RpcException) {
                counters.forwarded.incrementAndGet();
                if (entry.answer != null) {
                    entry.answer.completeExceptionally(cause);
                }
                return true;
            }
            downstream.discard(client);
            down(String.valueOf(cause.getMessage()));
            return false;
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private void down(String why) {
        if (!linkDown) {
            linkDown = true;
            log.warn(
                    "Bridge: downstream {} unavailable ({}); queueing, retrying every {} ms",
                    to,
                    why,
                    retryInterval.toMillis());
        }
    }

    /**
     * The ids of delivered requests: {@code <bridgeId>-<seq>}, the same on every attempt and across
     * restarts on the same journal. The engine asks for an id once per call; asked again for the same
     * call (the id is still in use on that connection) it gets a fresh suffix.
     */
    static final class DeliveryIds implements dev.junction.IdGenerator {
        private final String bridgeId;
        private final AtomicLong retry = new AtomicLong();
        private volatile long seq;
        private volatile boolean handedOut = true;

        DeliveryIds(String bridgeId) {
            this.bridgeId = bridgeId;
        }

        void next(long seq) {
            this.seq = seq;
            this.handedOut = false;
        }

        @Override
        public Id next() {
            if (!handedOut) {
                handedOut = true;
                return Id.of(bridgeId + "-" + seq);
            }
            return Id.of(bridgeId + "-" + seq + "~" + retry.incrementAndGet());
        }
    }
}
