package dev.junction.interop;

import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcServer;
import dev.junction.netty.HandshakeInfo;
import dev.junction.netty.NettyOptions;
import dev.junction.service.JsonRpcMethod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Junction server the WebSocket and HTTP peers call (Python websockets / aiohttp, jayson, curl,
 * the browser), and what it saw. Methods:
 *
 * <ul>
 *   <li>{@code subtract(minuend, subtrahend)}, positional or named; {@code ping()} ("pong", for
 *       {@code {}} or absent params); {@code greet(Person)} (one object as named params); {@code
 *       slow(ms)} (answers after sleeping, for out-of-order answers); {@code handshakeHeaders()}
 *       (the Content-Type and Accept of the WebSocket handshake);
 *   <li>{@code note(text)}: a notification, recorded in {@link #notes};
 *   <li>{@code subscribe(topic)}: pushes three {@code news(topic, n)} notifications to the caller,
 *       then answers;
 *   <li>{@code askClient(question[, method])}: calls {@code ui.confirm({"question": ...})} (or
 *       the method given) on the caller (named params), records the answer in {@link #confirmations}, answers "client said: ...".
 * </ul>
 *
 * Thread-safe: handlers run on the engine's handler threads and record into blocking queues the
 * test thread polls. Closing closes the server.
 */
final class WebInteropServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The texts of the {@code note} notifications received, in order. */
    final BlockingQueue<String> notes = new LinkedBlockingQueue<>();
    /** The answers the callers gave to {@code ui.confirm}. */
    final BlockingQueue<String> confirmations = new LinkedBlockingQueue<>();

    private final RpcServer server;

    /** Starts listening on {@code uri} (port 0), with {@code options} passed to the builder as transport options. */
    WebInteropServer(String uri, Map<String, Object> options) {
        var builder = Junction.server().service(new Api());
        options.forEach(builder::transportOption);
        this.server = builder.method("note", (ctx, p) -> {
                    notes.add(p.get(0).asText());
                    return null;
                })
                .method("subscribe", (ctx, p) -> {
                    String topic = p.get(0).asText();
                    for (int n = 1; n <= 3; n++) {
                        ctx.peer().notify("news", topic, n);
                    }
                    return "subscribed to " + topic;
                })
                .method("askClient", (ctx, p) -> {
                    String method = p.size() > 1 ? p.get(1).asText() : "ui.confirm";
                    String answer = ctx.peer()
                            .<String>callAsync(
                                    method,
                                    String.class,
                                    Params.named(Map.of("question", p.get(0).asText())))
                            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    confirmations.add(answer);
                    return "client said: " + answer;
                })
                .method("handshakeHeaders", (ctx, p) -> {
                    HandshakeInfo info = ctx.attributes().get(NettyOptions.HANDSHAKE);
                    Map<String, String> seen = new LinkedHashMap<>();
                    seen.put("content-type", info.header("content-type"));
                    seen.put("accept", info.header("accept"));
                    return seen;
                })
                .listen(uri)
                .start();
    }

    WebInteropServer(String uri) {
        this(uri, Map.of());
    }

    int port() {
        return server.endpoints().get(0).port();
    }

    /** The next {@code note}, waiting at most {@link #TIMEOUT}; null if none came. */
    String nextNote() throws InterruptedException {
        return notes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next answer to {@code ui.confirm}, waiting at most {@link #TIMEOUT}; null if none came. */
    String nextConfirmation() throws InterruptedException {
        return confirmations.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close();
    }

    /** One object argument, bound from named params. */
    public record Person(String name, int age) {}

    /** The annotated methods (bound by name with the compiler's -parameters). */
    public static final class Api {
        @JsonRpcMethod
        public int subtract(int minuend, int subtrahend) {
            return minuend - subtrahend;
        }

        @JsonRpcMethod
        public String ping() {
            return "pong";
        }

        @JsonRpcMethod
        public String greet(Person p) {
            return "Hello " + p.name() + " (" + p.age() + ")";
        }

        @JsonRpcMethod
        public int slow(int millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }
    }
}
