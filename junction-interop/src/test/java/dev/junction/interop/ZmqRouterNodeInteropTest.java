package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** npm zeromq 6.8.0 (its bundled libzmq) REQ and DEALER against Junction's REP and ROUTER servers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqRouterNodeInteropTest {
    @BeforeAll
    static void peers() {
        if (!Files.isRegularFile(Peers.moduleDir().resolve("node_modules/zeromq/package.json"))) {
            String what = "npm zeromq is not installed in junction-interop/node_modules";
            Peers.missing(what);
        }
    }

    private static PeerProcess node(String mode, String address, List<String> frames, String... more) {
        List<String> command =
                new ArrayList<>(List.of("node", Peers.script("zmq_peer.mjs").toString(), mode, address, json(frames)));
        command.addAll(List.of(more));
        return PeerProcess.start("zmq_peer.mjs " + mode, Peers.moduleDir(), command);
    }

    private static List<JsonNode> finish(PeerProcess p) {
        List<JsonNode> lines = new ArrayList<>(p.awaitSuccess(ZmqReqRepPeerScript.WAIT));
        assertThat(lines.remove(lines.size() - 1).toString()).isEqualTo("{\"event\":\"done\"}");
        return lines;
    }

    @Test
    void nodeReqCallsAJunctionRepAndRouter() {
        for (String scheme : new String[] {"zmq-rep", "zmq-router"}) {
            try (RpcServer server = Junction.server()
                    .method("add", (ctx, p) -> p.get(0).asInt() + p.get(1).asInt())
                    .method("note", (ctx, p) -> null)
                    .listen(scheme + "://127.0.0.1:0")
                    .start()) {
                List<JsonNode> lines = finish(node(
                        "req",
                        "tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                        List.of(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":[1,2]}",
                                "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"x\"]}")));
                assertThat(lines)
                        .extracting(l -> l.get("received").toString())
                        .containsExactly(
                                json(List.of("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":1}")), json(List.of("")));
            }
        }
    }

    @Test
    void aNodeDealerSubscribesAndReceivesTheServersNotifications() throws Exception {
        CompletableFuture<RpcPeer> subscriber = new CompletableFuture<>();
        try (RpcServer server = Junction.server()
                .method("subscribe", (ctx, p) -> {
                    subscriber.complete(ctx.peer());
                    return "subscribed";
                })
                .listen("zmq-router://127.0.0.1:0")
                .start()) {
            PeerProcess peer = node(
                    "dealer",
                    "tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                    List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscribe\",\"params\":[\"news\"]}"),
                    "3");
            try (peer) {
                assertThat(peer.nextLine(ZmqReqRepPeerScript.WAIT)
                                .get("received")
                                .toString())
                        .isEqualTo(json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"subscribed\",\"id\":1}")));
                RpcPeer client = subscriber.get(30, TimeUnit.SECONDS);
                client.notify("news", 1);
                client.notify("news", 2);
                List<JsonNode> lines = finish(peer);
                assertThat(lines)
                        .extracting(l -> l.get("received").toString())
                        .containsExactly(
                                json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"subscribed\",\"id\":1}")),
                                json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[1]}")),
                                json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[2]}")));
            }
        }
    }
}
