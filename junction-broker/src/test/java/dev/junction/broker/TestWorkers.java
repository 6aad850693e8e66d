package dev.junction.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.Junction;
import dev.junction.RpcServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Junction servers working for a broker, with methods that say who served them: {@code whoami},
 * {@code echo}, {@code slow.get(ms, only?)} and {@code slow.put(ms, only?)} (sleep, on every worker or only on
 * the one named, then answer the worker's name), {@code hold(gate)} (wait until the test opens the
 * gate of that name with {@link #open}, at most 30 s, then answer the worker's name), {@code subscribe(count)} (pushes {@code event} notifications to the caller), and the
 * notification {@code note} (recorded per worker).
 */
final class TestWorkers {
    /** What every worker of this JVM recorded: worker name → notifications received. */
    static final Map<String, List<JsonNode>> NOTES = new ConcurrentHashMap<>();
    /** Worker name → requests running now (max seen in {@link #PEAK}). */
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

    static final Map<String, AtomicInteger> PEAK = new ConcurrentHashMap<>();
    /** Gate name → the latch {@code hold} calls wait on. */
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private TestWorkers() {}

    /** A server working for the broker at {@code backend} ({@code host:port}) under {@code name}. */
    static RpcServer start(String backend, String name, String options) {
        return Junction.server()
                .method("whoami", (ctx, params) -> name)
                .method("echo", (ctx, params) -> params)
                .method("slow.get", (ctx, params) -> slow(name, params))
                .method("slow.put", (ctx, params) -> slow(name, params))
                .method("hold", (ctx, params) -> hold(name, params.get(0).asText()))
                .method("subscribe", (ctx, params) -> {
                    int count = params.get(0).asInt();
                    new Thread(() -> {
                                for (int i = 0; i < count; i++) {
                                    ctx.peer().notify("event", name, i);
                                }
                            })
                            .start();
                    return name;
                })
                .method("note", (ctx, params) -> {
                    NOTES.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                            .add(params);
                    return null;
                })
                .listen("zmq-worker://" + backend + "?heartbeat=500ms&name=" + name
                        + (options.isEmpty() ? "" : "&" + options))
                .start();
    }

    /** Work that may wait, counted in {@link #RUNNING} and {@link #PEAK} while it runs. */
    private interface Wait {
        void run() throws InterruptedException;
    }

    /** Runs {@code wait} as a request on worker {@code name}, counted while it runs; answers the name. */
    private static String counted(String name, Wait wait) throws InterruptedException {
        AtomicInteger running = RUNNING.computeIfAbsent(name, k -> new AtomicInteger());
        int now = running.incrementAndGet();
        PEAK.computeIfAbsent(name, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            wait.run();
            return name;
        } finally {
            running.decrementAndGet();
        }
    }

    static String slow(String name, JsonNode params) throws InterruptedException {
        return counted(name, () -> {
            if (params.size() < 2 || params.get(1).asText().equals(name)) {
                Thread.sleep(params.get(0).asLong()); // a second parameter names the one worker that sleeps
            }
        });
    }

    /** Lets every {@code hold} call on gate {@code gate}, running or to come, answer. */
    static void open(String gate) {
        gate(gate).countDown();
    }

    private static CountDownLatch gate(String gate) {
        return GATES.computeIfAbsent(gate, k -> new CountDownLatch(1));
    }

    private static String hold(String name, String gate) throws InterruptedException {
        return counted(name, () -> {
            if (!gate(gate).await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The gate " + gate + " was not opened in 30 s");
            }
        });
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }
}
