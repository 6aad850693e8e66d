package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.finish;
import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pyzmq DEALER subscribes to a Junction ROUTER through a normal call, then receives the
 * notifications the server pushes to it: the subscribe pattern of jsonrpc2-zeromq, server side.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqRouterInteropTest {
    @BeforeAll
    static void peers() {
        ZmqReqRepPeerScript.requirePyzmq();
    }

    /** Runs the subscription with extra URI options on the server and extra script arguments. */
    static void subscribe(String serverOptions, String expectedPrincipal, String... peerArgs) throws Exception {
        CompletableFuture<RpcPeer> subscriber = new CompletableFuture<>();
        List<String> principals = new ArrayList<>();
        try (RpcServer server = Junction.server()
                .method("subscribe", (ctx, p) -> {
                    principals.add(ctx.principal()
                            .map(java.security.Principal::getName)
                            .orElse(null));
                    subscriber.complete(ctx.peer());
                    return "subscribed to " + p.get(0).asText();
                })
                .listen("zmq-router://127.0.0.1:0" + serverOptions)
                .start()) {
            List<String> args = new ArrayList<>(List.of(
                    "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port(),
                    "sends="
                            + json(List.of(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscribe\",\"params\":[\"news\"]}")),
                    "expect=4"));
            args.addAll(List.of(peerArgs));
            PeerProcess peer = ZmqReqRepPeerScript.start("dealer", args.toArray(String[]::new));
            try (peer) {
                JsonNode answer = peer.nextLine(ZmqReqRepPeerScript.WAIT);
                assertThat(answer.get("received").toString())
                        .isEqualTo(json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"subscribed to news\",\"id\":1}")));
                RpcPeer client = subscriber.get(30, TimeUnit.SECONDS);
                for (int i = 1; i <= 3; i++) {
                    client.notify("news", "item " + i);
                }
                List<JsonNode> lines = finish(peer);
                assertThat(lines)
                        .extracting(l -> l.get("received").toString())
                        .containsExactly(
                                json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"subscribed to news\",\"id\":1}")),
                                json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[\"item 1\"]}")),
                                json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[\"item 2\"]}")),
                                json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[\"item 3\"]}")));
                assertThat(principals).containsExactly(expectedPrincipal);
            }
        }
    }

    @Test
    void aPyzmqDealerSubscribesAndReceivesTheServersNotifications() throws Exception {
        subscribe("", null);
    }
}
