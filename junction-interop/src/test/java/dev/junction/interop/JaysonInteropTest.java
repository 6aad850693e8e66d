package dev.junction.interop;

import static dev.junction.interop.WebSocketPythonClientsInteropTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.BatchBuilder;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * npm jayson 5.0.0 ({@code peers/jayson_peer.js}, on ws 8.23.0) both ways, over HTTP and
 * WebSocket: jayson's HTTP and WebSocket clients call Junction's servers ({@link
 * WebInteropServer}); Junction's http:// and ws:// clients call jayson's servers.
 */
class JaysonInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void requirePeers() {
        WebPeers.requireNode("jayson@5.0.0", "ws@8.23.0");
    }

    private static PeerProcess jayson(String... args) {
        List<String> command =
                new ArrayList<>(List.of("node", Peers.script("jayson_peer.js").toString()));
        command.addAll(List.of(args));
        return PeerProcess.start("jayson " + args[0], Peers.moduleDir(), command);
    }

    @Test
    void jaysonHttpClientCallsJunction() throws Exception {
        try (WebInteropServer server = new WebInteropServer("http://127.0.0.1:0/rpc");
                PeerProcess peer = jayson("http-client", "http://127.0.0.1:" + server.port() + "/rpc")) {
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT);
            String context = peer.describe();
            assertCommonScript(out, context);
            assertThat(server.nextNote()).isEqualTo("from jayson");
            assertThat(server.nextNote()).isEqualTo("in a jayson batch");
        }
    }

    @Test
    void jaysonWebSocketClientCallsJunction() throws Exception {
        try (WebInteropServer server = new WebInteropServer("ws://127.0.0.1:0/rpc");
                PeerProcess peer = jayson("ws-client", "ws://127.0.0.1:" + server.port() + "/rpc")) {
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT);
            String context = peer.describe();
            assertCommonScript(out, context);
            assertThat(line(out, "positional", context)
                            .get("response")
                            .get("id")
                            .longValue())
                    .as("jayson's integer ids (2^53 - 2 down) echoed%s", context)
                    .isEqualTo(9007199254740990L);
            assertThat(server.nextNote()).isEqualTo("from jayson");
            assertThat(server.nextNote()).isEqualTo("in a jayson batch");

            assertThat(line(out, "pipelined", context).get("order"))
                    .as("the fast answer overtakes the slow one%s", context)
                    .isEqualTo(json("[\"fast\", \"slow\"]"));
            assertThat(line(out, "slow", context).get("response").get("result").intValue())
                    .isEqualTo(400);
            assertThat(line(out, "subscribe", context)
                            .get("response")
                            .get("result")
                            .asText())
                    .isEqualTo("subscribed to weather");
            JsonNode notifications = out.stream()
                    .filter(l -> l.has("notifications"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no notifications line" + context))
                    .get("notifications");
            assertThat(notifications).as("pushed by the server%s", context).isEqualTo(json("""
                            [{"jsonrpc": "2.0", "method": "news", "params": ["weather", 1]},
                             {"jsonrpc": "2.0", "method": "news", "params": ["weather", 2]},
                             {"jsonrpc": "2.0", "method": "news", "params": ["weather", 3]}]"""));
            assertThat(out.get(out.size() - 1)).isEqualTo(json("{\"closed\": 1000}"));
        }
    }

    /** What both jayson clients run: see {@code clientScript} in jayson_peer.js. */
    private static void assertCommonScript(List<JsonNode> out, String context) {
        assertThat(result(out, "positional", context).intValue()).isEqualTo(19);
        assertThat(result(out, "named", context).intValue()).isEqualTo(19);
        assertThat(result(out, "emptyObjectParams", context).asText()).isEqualTo("pong");
        assertThat(result(out, "singleObject", context).asText()).isEqualTo("Hello Ada (36)");
        assertThat(line(out, "unknown", context).get("response").get("error"))
                .isEqualTo(json("{\"code\": -32601, \"message\": \"Method not found: no.such.method\"}"));
        assertThat(line(out, "notification", context).get("error"))
                .as("notification%s", context)
                .isEqualTo(json("null"));
        JsonNode batch = line(out, "batch", context);
        assertThat(batch.get("error")).as("batch error%s", context).isEqualTo(json("null"));
        List<Integer> results = new ArrayList<>();
        batch.get("response").forEach(r -> results.add(r.get("result").intValue()));
        assertThat(results).as("the batch's answers%s", context).containsExactlyInAnyOrder(5, 8);
    }

    @Test
    void junctionHttpClientCallsJayson() throws Exception {
        try (PeerProcess peer = jayson("http-server")) {
            int port = peer.nextLine(TIMEOUT).get("port").intValue();
            try (RpcClient client = Junction.connect("http://127.0.0.1:" + port + "/")) {
                callJayson(client);
            }
            List<JsonNode> seen =
                    linesUntil(peer, l -> "note".equals(l.path("received").asText()));
            String context = peer.describe();
            JsonNode request = seen.stream()
                    .filter(l -> l.has("request"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no request line" + context));
            assertThat(request.get("request").asText()).isEqualTo("POST");
            assertThat(request.get("contentType").asText()).isEqualTo("application/json");
            assertReceived(seen, context);
        }
    }

    @Test
    void junctionWebSocketClientCallsJayson() throws Exception {
        try (PeerProcess peer = jayson("ws-server")) {
            int port = peer.nextLine(TIMEOUT).get("port").intValue();
            try (RpcClient client = Junction.connect("ws://127.0.0.1:" + port + "/rpc")) {
                callJayson(client);
                CompletableFuture<Integer> slow = client.callAsync("slow", Integer.class, 500);
                assertThat(client.call("subtract", int.class, 5, 3)).isEqualTo(2);
                assertThat(slow).as("overtaken by the later call").isNotDone();
                assertThat(slow.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(500);
            }
            List<JsonNode> seen = linesUntil(peer, l -> l.has("closed"));
            String context = peer.describe();
            assertThat(seen.get(0))
                    .as("the handshake%s", context)
                    .isEqualTo(json("{\"handshake\": \"/rpc\", \"contentType\": \"application/json\","
                            + " \"accept\": \"application/json\"}"));
            assertReceived(seen, context);
            assertThat(seen.get(seen.size() - 1)).isEqualTo(json("{\"closed\": 1000}"));
        }
    }

    /** Calls a jayson server: positional, named, an echo of every JSON type, an error with data, a batch, a notification. */
    private static void callJayson(RpcClient client) throws Exception {
        assertThat(client.call("subtract", int.class, 42, 23)).isEqualTo(19);
        assertThat(client.call("subtract", int.class, Params.named(Map.of("minuend", 42, "subtrahend", 23))))
                .isEqualTo(19);
        assertThat(client.call("echo", JsonNode.class, "héllo ✓", 1.5, true, null, Map.of("k", List.of(1))))
                .isEqualTo(json("[\"héllo ✓\", 1.5, true, null, {\"k\": [1]}]"));
        assertThatThrownBy(() -> client.call("fail", JsonNode.class))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> {
                    RpcException rpc = (RpcException) e;
                    assertThat(rpc.code()).isEqualTo(4001);
                    assertThat(rpc.getMessage()).contains("custom failure");
                    assertThat(rpc.data()).isEqualTo(json("{\"why\": \"testing\"}"));
                });
        assertThatThrownBy(() -> client.call("no.such.method", JsonNode.class))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(-32601));
        BatchBuilder batch = client.batch();
        CompletableFuture<Integer> first = batch.call("subtract", Integer.class, 10, 4);
        CompletableFuture<Integer> second = batch.call("subtract", Integer.class, 10, 1);
        batch.send();
        assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(6);
        assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(9);
        client.notify("note", "from junction");
    }

    private static void assertReceived(List<JsonNode> seen, String context) {
        List<JsonNode> received = seen.stream().filter(l -> l.has("received")).toList();
        assertThat(received)
                .as("what jayson's methods received%s", context)
                .contains(
                        json("{\"received\": \"subtract\", \"params\": [42, 23]}"),
                        json("{\"received\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}}"),
                        json("{\"received\": \"echo\", \"params\": [\"héllo ✓\", 1.5, true, null, {\"k\": [1]}]}"),
                        json("{\"received\": \"subtract\", \"params\": [10, 4]}"),
                        json("{\"received\": \"subtract\", \"params\": [10, 1]}"),
                        json("{\"received\": \"note\", \"params\": [\"from junction\"]}"));
    }

    /** Lines of a running peer until one matches {@code last} (included), each waited for at most {@link #TIMEOUT}. */
    private static List<JsonNode> linesUntil(PeerProcess peer, Predicate<JsonNode> last) {
        List<JsonNode> lines = new ArrayList<>();
        JsonNode line;
        do {
            line = peer.nextLine(TIMEOUT);
            lines.add(line);
        } while (!last.test(line));
        return lines;
    }

    private static JsonNode line(List<JsonNode> out, String call, String context) {
        return out.stream()
                .filter(l -> call.equals(l.path("call").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + call + context));
    }

    private static JsonNode result(List<JsonNode> out, String call, String context) {
        JsonNode l = line(out, call, context);
        assertThat(l.get("error")).as("%s: %s%s", call, l, context).isEqualTo(json("null"));
        return l.get("response").get("result");
    }
}
