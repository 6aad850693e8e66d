package dev.junction.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Params;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcParam;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The methods the conformance suite's server answers, in no namespace: the JSON-RPC 2.0
 * specification's example methods, plus probes for errors, callbacks, blocking and cancellation.
 * One instance per test; it records what it received so that tests can check it. Thread-safe.
 */
public final class ConformanceServices {
    /** How long a blocked handler waits at most before giving up on its own, so no thread leaks. */
    private static final long MAX_BLOCK_SECONDS = 30;

    /** One notification (or call) received by a recording method: its name and params. */
    public record Received(String method, List<Object> params) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger blocked = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch cancellableStarted = new CountDownLatch(1);
    private final CountDownLatch cancellableCancelled = new CountDownLatch(1);

    // ---- the specification's examples ----

    /** {@code subtract [42, 23]} or {@code subtract {"minuend": 42, "subtrahend": 23}}. */
    @JsonRpcMethod
    public long subtract(@JsonRpcParam("minuend") long first, @JsonRpcParam("subtrahend") long second) {
        return first - second;
    }

    /** The sum of any numbers, integral or not. */
    @JsonRpcMethod
    public BigDecimal sum(BigDecimal... numbers) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal n : numbers) {
            total = total.add(n);
        }
        return total.stripTrailingZeros();
    }

    @JsonRpcMethod("get_data")
    public List<Object> getData() {
        return List.of("hello", 5);
    }

    @JsonRpcMethod
    public void update(List<Object> params) {
        received.add(new Received("update", params));
    }

    @JsonRpcMethod("notify_hello")
    public void notifyHello(List<Object> params) {
        received.add(new Received("notify_hello", params));
    }

    @JsonRpcMethod("notify_sum")
    public void notifySum(List<Object> params) {
        received.add(new Received("notify_sum", params));
    }

    // ---- probes ----

    @JsonRpcMethod
    public Object echo(Object value) {
        return value;
    }

    /** Sleeps {@code ms} milliseconds and answers {@code ms}. */
    @JsonRpcMethod
    public long sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return ms;
    }

    /** Answers with exactly this error. */
    @JsonRpcMethod
    public Object fail(int code, String message, JsonNode data) {
        throw new RpcException(code, message, data);
    }

    /** Fails unexpectedly, with a message that must not reach the caller. */
    @JsonRpcMethod
    public Object boom() {
        throw new IllegalStateException("secret detail that must not travel");
    }

    /** Calls {@code method} on the caller, while serving this call, and answers what it answered. */
    @JsonRpcMethod
    public JsonNode callback(RpcContext ctx, String method, JsonNode params) {
        return ctx.peer().call(method, JsonNode.class, Params.ofTree(params));
    }

    /** Notifies {@code client.onEvent(topic, i)} on the caller for i in [0, count), then answers count. */
    @JsonRpcMethod
    public int pushNotifications(RpcContext ctx, String topic, int count) {
        for (int i = 0; i < count; i++) {
            ctx.peer().notify(ConformanceClientServices.ON_EVENT, topic, i);
        }
        return count;
    }

    /**
     * Waits until the test calls {@link #release()}, then answers "released". Like most handlers, it
     * does not look at cancellation, so closing or a deadline leaves it running until released.
     */
    @JsonRpcMethod
    public String block() throws InterruptedException {
        blocked.incrementAndGet();
        try {
            released.await(MAX_BLOCK_SECONDS, TimeUnit.SECONDS);
            return "released";
        } finally {
            blocked.decrementAndGet();
        }
    }

    /** Waits until cancelled (recording it), or {@link #release()}. */
    @JsonRpcMethod
    public CompletableFuture<String> cancellable(RpcContext ctx) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        ctx.onCancel(() -> {
            cancellableCancelled.countDown();
            answer.complete("cancelled");
        });
        cancellableStarted.countDown();
        return answer.completeOnTimeout("timed out", MAX_BLOCK_SECONDS, TimeUnit.SECONDS);
    }

    // ---- for the tests ----

    /** What the recording methods received, in arrival order. */
    public List<Received> received() {
        return received;
    }

    /** How many {@code block} calls are waiting now. */
    public int blocked() {
        return blocked.get();
    }

    /** Lets every {@code block} call, now and later, answer. */
    public void release() {
        released.countDown();
    }

    /** Counted down when a {@code cancellable} call starts. */
    public CountDownLatch cancellableStarted() {
        return cancellableStarted;
    }

    /** Counted down when a {@code cancellable} call sees its cancellation. */
    public CountDownLatch cancellableCancelled() {
        return cancellableCancelled;
    }
}
