package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.finish;
import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pyzmq REQ (libzmq 4.3.4) against Junction's REP and ROUTER servers, and Junction's REQ against pyzmq REP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqReqRepInteropTest {
    @BeforeAll
    static void peers() {
        ZmqReqRepPeerScript.requirePyzmq();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zmq-rep", "zmq-router"})
    void pyzmqReqCallsAJunctionServerFrameForFrame(String scheme) {
        List<JsonNode> notes = new CopyOnWriteArrayList<>();
        try (RpcServer server = Junction.server()
                .method("add", (ctx, p) -> p.get(0).asInt() + p.get(1).asInt())
                .method("note", (ctx, p) -> {
                    notes.add(p);
                    return null;
                })
                .listen(scheme + "://127.0.0.1:0")
                .start()) {
            PeerProcess peer = ZmqReqRepPeerScript.start(
                    "req",
                    "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                    "sends="
                            + json(List.of(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":[1,2]}",
                                    "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"x\"]}",
                                    "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"nope\"}",
                                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"meth")));
            List<JsonNode> lines = finish(peer);
            assertThat(lines)
                    .extracting(l -> l.get("received").toString())
                    .containsExactly(
                            json(List.of("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":1}")),
                            json(List.of("")),
                            json(
                                    List.of(
                                            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found: nope\"},\"id\":\"b\"}")),
                            json(List.of("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: "
                                    + "unexpected end of input\"},\"id\":null}")));
            assertThat(notes).extracting(JsonNode::toString).containsExactly("[\"x\"]");
        }
    }

    @Test
    void junctionReqCallsAPyzmqRepFrameForFrame() {
        int[] port = new int[1];
        PeerProcess peer = ZmqReqRepPeerScript.startServer(
                "rep", port, "answers=" + json(List.of("{\"jsonrpc\": \"2.0\", \"result\": 3, \"id\": 1}", "")));
        // a secured server in this JVM starts the ZAP handler, which JeroMQ also asks about NULL sockets
        try (peer;
                RpcServer secured = Junction.server()
                        .transportOption(dev.junction.zeromq.ZapHandler.OPTION, (dev.junction.zeromq.ZapHandler)
                                r -> java.util.Optional.empty())
                        .listen("zmq-router://127.0.0.1:0?mechanism=plain")
                        .start();
                RpcClient client = Junction.connect(
                        "zmq-req://127.0.0.1:" + port[0] + "?hello=false&" + ZmqSecurityInteropTest.LAZY_PIRATE)) {
            assertThat(client.call("add", int.class, 1, 2)).isEqualTo(3);
            client.notify("note", "x");
            List<JsonNode> lines = finish(peer);
            assertThat(lines)
                    .extracting(l -> l.get("received").toString())
                    .containsExactly(
                            json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}")),
                            json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"x\"]}")));
        }
    }
}
