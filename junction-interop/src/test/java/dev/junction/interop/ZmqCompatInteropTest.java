package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.finish;
import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import dev.junction.zeromq.compat.JsonRpc2ZeroMqCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The prior art's formats against Python peers that speak them as jsonrpc2-zeromq and pyzmqrpc do
 * (peers/zmq_peer.py, written from their sources' message handling), both ways.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqCompatInteropTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @BeforeAll
    static void peers() {
        ZmqReqRepPeerScript.requirePyzmq();
    }

    @Test
    void aJsonRpc2ZeroMqClientCallsAJunctionServer() {
        try (RpcServer server = JsonRpc2ZeroMqCodec.habits(Junction.server())
                .method("return_null", (ctx, p) -> null)
                .method("echo", String.class, s -> s)
                .listen("zmq-rep://127.0.0.1:0?codec=jsonrpc2-zeromq")
                .start()) {
            List<JsonNode> lines = finish(ZmqReqRepPeerScript.start(
                    "jsonrpc2-client",
                    "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                    "calls="
                            + json(List.of(
                                    List.of("Return-Null", Map.of()),
                                    List.of("echo", List.of("hi")),
                                    List.of("missing", Map.of())))));
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.get("parsed").asBoolean()).isTrue();
                assertThat(l.get("id_echoed").asBoolean()).isTrue();
            });
            assertThat(lines.get(0).get("received").toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":\""
                            + lines.get(0).at("/sent/id").asText() + "\"}");
            assertThat(lines.get(1).get("received").get("result").asText()).isEqualTo("hi");
            assertThat(lines.get(2).get("received").toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,"
                            + "\"error\":{\"code\":-32601,\"message\":\"Method not found: missing\",\"data\":null},\"id\":\""
                            + lines.get(2).at("/sent/id").asText() + "\"}");
        }
    }

    @Test
    void aJunctionClientCallsAJsonRpc2ZeroMqServer() {
        int[] port = new int[1];
        PeerProcess peer = ZmqReqRepPeerScript.startServer("jsonrpc2-server", port, "count=3");
        try (peer;
                RpcClient client = JsonRpc2ZeroMqCodec.habits(Junction.client())
                        .connect("zmq-req://127.0.0.1:" + port[0] + "?codec=jsonrpc2-zeromq&hello=false&"
                                + ZmqSecurityInteropTest.LAZY_PIRATE)) {
            assertThat(client.call("Return-Null", String.class)).isNull();
            assertThat(client.call("add", int.class, 20, 22)).isEqualTo(42);
            assertThatThrownBy(() -> client.call("missing", String.class))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
            List<JsonNode> requests = finish(peer);
            assertThat(requests).extracting(l -> l.at("/received/id").asText()).allMatch(id -> id.matches(UUID));
            assertThat(requests)
                    .extracting(l -> l.get("received").get("params").toString())
                    .containsExactly("{}", "[20,22]", "{}");
            assertThat(requests)
                    .extracting(l -> l.at("/received/method").asText())
                    .containsExactly("Return-Null", "add", "missing");
        }
    }

    @Test
    void aPyZmqRpcClientCallsAJunctionServer() {
        try (RpcServer server = Junction.server()
                .method("add", (ctx, p) -> p.get("a").asInt() + p.get("b").asInt())
                .method("fail", (ctx, p) -> {
                    throw new IllegalStateException("boom");
                })
                .listen("zmq-rep://127.0.0.1:0?format=pyzmqrpc")
                .start()) {
            List<JsonNode> lines = finish(ZmqReqRepPeerScript.start(
                    "pyzmqrpc-client",
                    "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                    "calls="
                            + json(List.of(
                                    List.of("add", Map.of("a", 1, "b", 2)),
                                    List.of("missing", Map.of()),
                                    List.of("fail", Map.of())))));
            assertThat(lines)
                    .extracting(l -> l.get("received").toString())
                    .containsExactly(
                            "{\"status_code\":200,\"status_message\":\"OK\",\"response_message\":3}",
                            "{\"status_code\":451,\"status_message\":\"Method not found: missing\"}",
                            "{\"status_code\":463,\"status_message\":\"Internal error\"}");
        }
    }

    @Test
    void aJunctionClientCallsAPyZmqRpcServer() {
        int[] port = new int[1];
        PeerProcess peer = ZmqReqRepPeerScript.startServer("pyzmqrpc-server", port, "count=3");
        try (peer;
                RpcClient client = Junction.connect("zmq-req://127.0.0.1:" + port[0] + "?format=pyzmqrpc&hello=false&"
                        + ZmqSecurityInteropTest.LAZY_PIRATE)) {
            assertThat(client.call("add", int.class, Params.named(new java.util.TreeMap<>(Map.of("a", 40, "b", 2)))))
                    .isEqualTo(42);
            assertThatThrownBy(() -> client.call("missing", int.class, Params.named(Map.of())))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32601);
                        assertThat(e.errorMessage())
                                .isEqualTo("No service on the server is registered for command \"missing\".");
                        assertThat(e.data().toString()).isEqualTo("{\"status_code\":451}");
                    });
            assertThatThrownBy(() -> client.call("fail", int.class, Params.named(Map.of())))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32603);
                        assertThat(e.errorMessage()).startsWith("Exception raised when calling service fail.");
                    });
            List<JsonNode> received = finish(peer);
            assertThat(received)
                    .extracting(l -> l.get("received").asText())
                    .containsExactly(
                            "{\"function\":\"add\",\"parameters\":{\"a\":40,\"b\":2}}",
                            "{\"function\":\"missing\",\"parameters\":{}}",
                            "{\"function\":\"fail\",\"parameters\":{}}");
        }
    }
}
