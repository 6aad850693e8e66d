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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Junction's ws:// client against a Python WebSocket server on Debian's python3-websockets (10.4),
 * {@code peers/ws_server_peer.py}: calls (positional, named), an answer overtaken by a later one,
 * an error, a batch, the handshake's headers (Content-Type, Accept, Bearer token, a custom
 * header), and the Python server calling the Junction client (ids of 2^53+1 and 2^63-1 and a
 * string, echoed exactly) and notifying it.
 */
class WebSocketPythonServerInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void junctionClientCallsPythonServerAndAnswersItsCalls() throws Exception {
        WebPeers.requirePython();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try (PeerProcess peer = PeerProcess.start(
                "python3-websockets server",
                Peers.moduleDir(),
                List.of(Peers.PYTHON, Peers.script("ws_server_peer.py").toString()))) {
            int port = peer.nextLine(TIMEOUT).get("port").intValue();
            String context;
            try (RpcClient client = Junction.client()
                    .method("java.greet", (ctx, p) -> "Hello " + p.get("name").asText())
                    .method("java.event", (ctx, p) -> {
                        events.add(p);
                        return null;
                    })
                    .connect("ws://127.0.0.1:" + port + "/rpc?token=abc&header.X-Tenant=t1")) {
                assertThat(client.call("subtract", int.class, 42, 23)).isEqualTo(19);
                assertThat(client.call("subtract", int.class, Params.named(Map.of("minuend", 42, "subtrahend", 23))))
                        .isEqualTo(19);
                assertThat(client.call("echo", JsonNode.class, "héllo ✓", 1.5, true, null, Map.of("k", List.of(1))))
                        .isEqualTo(json("[\"héllo ✓\", 1.5, true, null, {\"k\": [1]}]"));

                CompletableFuture<Integer> slow = client.callAsync("slow", Integer.class, 500);
                assertThat(client.call("subtract", int.class, 5, 3))
                        .as("answered before the slow call")
                        .isEqualTo(2);
                assertThat(slow).isNotDone();
                assertThat(slow.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(500);

                assertThatThrownBy(() -> client.call("no.such.method", JsonNode.class))
                        .isInstanceOf(RpcException.class)
                        .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(-32601));

                BatchBuilder batch = client.batch();
                CompletableFuture<Integer> first = batch.call("subtract", Integer.class, 10, 4);
                CompletableFuture<Integer> second = batch.call("subtract", Integer.class, 10, 1);
                batch.notify("note", "in a batch");
                batch.send();
                assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(6);
                assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(9);

                client.notify("hello");
                assertThat(events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("the server's notification%s", peer.describe())
                        .isEqualTo(json("[\"tick\", 1]"));
            }
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT); // exits once the client has closed
            context = peer.describe();

            assertThat(out.get(1).get("handshake"))
                    .as("the handshake as the server saw it%s", context)
                    .isEqualTo(json("""
                            {"path": "/rpc", "content-type": "application/json", "accept": "application/json",
                             "authorization": "Bearer abc", "x-tenant": "t1"}"""));
            List<String> answers = out.stream()
                    .filter(l -> l.has("answer"))
                    .map(l -> l.get("raw").asText())
                    .toList();
            assertThat(answers)
                    .as("the client's answers to the server's calls, ids exactly as sent%s", context)
                    .containsExactlyInAnyOrder(
                            "{\"jsonrpc\":\"2.0\",\"result\":\"Hello Py\",\"id\":9007199254740993}",
                            "{\"jsonrpc\":\"2.0\",\"result\":\"Hello Py\",\"id\":9223372036854775807}",
                            "{\"jsonrpc\":\"2.0\",\"result\":\"Hello Py\",\"id\":\"py-3\"}");
            JsonNode batchLine = out.stream()
                    .filter(l -> l.path("received").isArray())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no batch reached the server" + context))
                    .get("received");
            assertThat(batchLine).hasSize(3);
            assertThat(batchLine.get(2)).isEqualTo(json("""
                    {"jsonrpc": "2.0", "method": "note", "params": ["in a batch"]}"""));
            assertThat(out.get(out.size() - 1))
                    .as("closed with 1000%s", context)
                    .isEqualTo(json("{\"closed\": 1000}"));
        }
    }
}
