package dev.junction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.JunctionException;
import dev.junction.Params;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.RpcPeer;
import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcParam;
import dev.junction.service.Services;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The methods {@code junction serve} answers: an echo, the JSON-RPC 2.0 specification's example
 * methods, and a few that exercise what the engine can do (slow answers, chosen errors, calls back
 * to the caller, notifications pushed to the caller). Numbers are exact decimals: {@code 42 - 23}
 * is {@code 19}, {@code 0.1 + 0.2} is {@code 0.3}. Thread-safe; one instance serves every
 * connection.
 *
 * <p>Methods without a params list below ({@code echo}, {@code update}, {@code notify_hello}) take
 * any params. The others bind positional or named params by the names shown.
 */
public final class DemoServices {
    /** The method name of the notifications {@link #subscribe} pushes. */
    public static final String EVENT_METHOD = "event";

    static final int MAX_SUBSCRIBE_COUNT = 10_000;
    static final long MAX_DELAY_MS = 3_600_000;

    private final ScheduledExecutorService scheduler;

    /** @param scheduler runs the delayed answers of {@code sleep} and the pushes of {@code subscribe} */
    public DemoServices(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Every demo method, to register on a server. */
    public Services services() {
        return Services.builder()
                .method("echo", DemoServices::echo)
                .method("update", DemoServices::ignore)
                .method("notify_hello", DemoServices::ignore)
                .service("", this)
                .build();
    }

    /**
     * {@code echo(...)}: answers with its params exactly as received: {@code [1, "a"]} gives {@code
     * [1, "a"]}, {@code {"a": 1}} gives {@code {"a": 1}}, no params gives {@code null}.
     */
    static Object echo(RpcContext ctx, JsonNode params) {
        return params;
    }

    /**
     * {@code update(...)}, {@code notify_hello(...)}: the specification's notification targets; they
     * accept any params, do nothing (the server's log shows them) and answer {@code null} if called.
     */
    static Object ignore(RpcContext ctx, JsonNode params) {
        return null;
    }

    /**
     * {@code subtract(minuend, subtrahend)}: {@code [42, 23]} or {@code {"subtrahend": 23, "minuend":
     * 42}} give {@code 19}.
     */
    @JsonRpcMethod
    public Number subtract(BigDecimal minuend, BigDecimal subtrahend) {
        return integralIfExact(minuend.subtract(subtrahend));
    }

    /**
     * A whole result as a long, so that binary codecs (BSON, CBOR), which have no decimal type of
     * their own, carry it as an integer; anything else as the exact decimal.
     */
    static Number integralIfExact(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException notWholeOrTooBig) {
            return value;
        }
    }

    /** {@code sum(numbers...)}: {@code [1, 2, 4]} gives {@code 7}; no params give {@code 0}. */
    @JsonRpcMethod
    public Number sum(BigDecimal... numbers) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal n : numbers) {
            total = total.add(Objects.requireNonNull(n, "number"));
        }
        return integralIfExact(total);
    }

    /**
     * {@code notify_sum(numbers...)}: the specification's notification target; as a call it answers
     * the sum, like {@code sum}.
     */
    @JsonRpcMethod("notify_sum")
    public Number notifySum(BigDecimal... numbers) {
        return sum(numbers);
    }

    /** {@code get_data()}: {@code ["hello", 5]}, as in the specification. */
    @JsonRpcMethod("get_data")
    public List<Object> getData() {
        return List.of("hello", 5);
    }

    /**
     * {@code sleep(ms)}: answers {@code ms} after {@code ms} milliseconds (at most an hour), without
     * holding a thread; a cancelled call is answered -32800 at once.
     */
    @JsonRpcMethod
    public CompletableFuture<Long> sleep(RpcContext ctx, long ms) {
        checkRange("ms", ms, MAX_DELAY_MS);
        CompletableFuture<Long> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> answer.complete(ms), ms, TimeUnit.MILLISECONDS);
        ctx.onCancel(() -> {
            timer.cancel(false);
            answer.completeExceptionally(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled"));
        });
        return answer;
    }

    /**
     * {@code fail(code, message?, data?)}: answers with exactly that error; the message defaults to
     * the specification's message for the code, and {@code data} is left out when not given.
     */
    @JsonRpcMethod
    public Object fail(
            int code, @JsonRpcParam(required = false) String message, @JsonRpcParam(required = false) JsonNode data) {
        throw new RpcException(code, message == null ? ErrorCodes.standardMessage(code) : message, data);
    }

    /**
     * {@code callback(method, params?)}: calls {@code method} with {@code params} (an array or object)
     * back on the caller, and answers with the caller's answer, its error included. {@code junction
     * call} answers {@code client.echo} this way.
     */
    @JsonRpcMethod
    public CompletableFuture<JsonNode> callback(
            RpcContext ctx, String method, @JsonRpcParam(required = false) JsonNode params) {
        if (params != null && !params.isNull() && !params.isArray() && !params.isObject()) {
            throw new RpcException(
                    ErrorCodes.INVALID_PARAMS, "parameter 'params' must be an array or an object, or left out");
        }
        return ctx.peer()
                .callAsync(
                        method,
                        JsonNode.class,
                        params == null || params.isNull() ? Params.none() : Params.ofTree(params));
    }

    /**
     * {@code subscribe(topic, count?, intervalMs?)}: answers {@code {"subscribed": topic, "count":
     * count}} at once, then pushes {@code count} (default 3, at most 10000) notifications {@code
     * event} with params {@code {"topic": topic, "seq": n}} (n from 1) to the caller, one every
     * {@code intervalMs} milliseconds (default 100), the first one {@code intervalMs} after the call.
     * Pushing stops if the caller disconnects.
     */
    @JsonRpcMethod
    public Map<String, Object> subscribe(
            RpcContext ctx,
            String topic,
            @JsonRpcParam(required = false) Integer count,
            @JsonRpcParam(required = false) Long intervalMs) {
        int n = count == null ? 3 : count;
        long interval = intervalMs == null ? 100 : intervalMs;
        checkRange("count", n, MAX_SUBSCRIBE_COUNT);
        checkRange("intervalMs", interval, MAX_DELAY_MS);
        if (n > 0) {
            new Pusher(ctx.peer(), topic, n, interval).schedule();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subscribed", topic);
        answer.put("count", n);
        return answer;
    }

    private static void checkRange(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "parameter '" + name + "' must be between 0 and " + max);
        }
    }

    /** Pushes one subscription's events, each scheduling the next. */
    private final class Pusher implements Runnable {
        private final RpcPeer peer;
        private final String topic;
        private final int count;
        private final long intervalMs;
        private int seq;

        Pusher(RpcPeer peer, String topic, int count, long intervalMs) {
            this.peer = peer;
            this.topic = topic;
            this.count = count;
            this.intervalMs = intervalMs;
        }

        void schedule() {
            scheduler.schedule(this, intervalMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!peer.isOpen()) {
                return;
            }
            seq++;
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.put("topic", topic);
            event.put("seq", seq);
            try {
                peer.notify(EVENT_METHOD, Params.ofTree(event));
            } catch (JunctionException e) {
                return; // the caller went away or the link broke: stop pushing
            }
            if (seq < count) {
                schedule();
            }
        }
    }
}
