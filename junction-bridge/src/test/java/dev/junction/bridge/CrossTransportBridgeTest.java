package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bridges between different transports over real sockets: each carries concurrent calls (answers
 * never crossed), errors verbatim and, where the inbound transport carries them, notifications. The
 * prior art's REP→REQ proxy, plain and buffered, is one of them.
 */
class CrossTransportBridgeTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private RpcServer downstream(String uri) {
        return keep(Junction.server()
                .method("echo", (context, params) -> params)
                .method("fail", (context, params) -> {
                    throw new RpcException(
                            -32099,
                            "No: " + params.get(0).asText(),
                            JsonNodeFactory.instance.arrayNode().add(7));
                })
                .method("event", (context, params) -> {
                    notified.add(params.get(0).asText());
                    return null;
                })
                .listen(uri)
                .start());
    }

    private String bridge(String from, String to) {
        return keep(Bridge.from(from).to(to).start()).endpoints().get(0).toString();
    }

    /** Several callers at once, each on its own connection, each checking its own answers. */
    private void carriesCallsAndErrors(String via, int callers, int calls) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            RpcClient client =
                    keep(Junction.client().timeout(Duration.ofSeconds(30)).connect(via));
            int caller = c;
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < calls; i++) {
                    String mine = caller + "/" + i + "/" + UUID.randomUUID();
                    assertThat(client.call("echo", JsonNode.class, mine).get(0).asText())
                            .isEqualTo(mine);
                }
            }));
        }
        for (CompletableFuture<Void> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        RpcClient client =
                keep(Junction.client().timeout(Duration.ofSeconds(30)).connect(via));
        assertThatThrownBy(() -> client.call("fail", String.class, "x"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32099);
                    assertThat(e.errorMessage()).isEqualTo("No: x");
                    assertThat(e.data().toString()).isEqualTo("[7]");
                });
    }

    private void carriesNotifications(String via) {
        assertThat(sendsTwoNotifications(via)).containsExactly("n1", "n2");
    }

    /** Over HTTP each notification is its own POST, and two POSTs may take two pooled connections. */
    private void carriesNotificationsInAnyOrder(String via) {
        assertThat(sendsTwoNotifications(via)).containsExactlyInAnyOrder("n1", "n2");
    }

    /** Notifies n1 then n2 through {@code via}; what the downstream received once it has both. */
    private List<String> sendsTwoNotifications(String via) {
        RpcClient client = keep(Junction.connect(via));
        client.notify("event", "n1");
        client.notify("event", "n2");
        await().atMost(Duration.ofSeconds(30)).until(() -> notified.size() == 2);
        return notified;
    }

    @Test
    void tcpToWebSocket() throws Exception {
        String down = downstream("ws://127.0.0.1:0/rpc").endpoints().get(0).toString();
        String via = bridge("tcp://127.0.0.1:0", down);
        carriesCallsAndErrors(via, 4, 50);
        carriesNotifications(via);
    }

    @Test
    void webSocketToZeroMqRouter() throws Exception {
        int port = downstream("zmq-router://127.0.0.1:0").endpoints().get(0).port();
        String via = bridge("ws://127.0.0.1:0/rpc", "zmq-dealer://127.0.0.1:" + port);
        carriesCallsAndErrors(via, 4, 50);
        carriesNotifications(via);
    }

    @Test
    void httpToTcp() throws Exception {
        String down = downstream("tcp://127.0.0.1:0").endpoints().get(0).toString();
        String via = bridge("http://127.0.0.1:0/rpc", down);
        carriesCallsAndErrors(via, 4, 25);
        carriesNotificationsInAnyOrder(via);
    }

    @Test
    void bsonRpcClientsToAJsonRpcServer() throws Exception {
        String down = downstream("tcp://127.0.0.1:0").endpoints().get(0).toString();
        String via = bridge("tcp://127.0.0.1:0?codec=bson", down);
        assertThat(via).contains("codec=bson");
        carriesCallsAndErrors(via, 2, 20);
        carriesNotifications(via);
    }

    @Test
    void repToReqAnswersWithTheDownstreamsRealAnswer() throws Exception {
        int port = downstream("zmq-rep://127.0.0.1:0").endpoints().get(0).port();
        int in = keep(Bridge.from("zmq-rep://127.0.0.1:0")
                        .to("zmq-req://127.0.0.1:" + port)
                        .start())
                .endpoints()
                .get(0)
                .port();
        carriesCallsAndErrors("zmq-req://127.0.0.1:" + in, 3, 20);
    }

    @Test
    void bufferedRepToReqQueuesUntilTheDownstreamAppearsAndLosesNothing() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Bridge bridge = keep(Bridge.from("zmq-rep://127.0.0.1:0")
                .to("zmq-req://127.0.0.1:" + port + "?requestTimeout=300")
                .buffer(100)
                .retryInterval(Duration.ofMillis(50))
                .start());
        RpcClient client = keep(Junction.client()
                .timeout(Duration.ofSeconds(60))
                .connect("zmq-req://127.0.0.1:" + bridge.endpoints().get(0).port()));
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(client.callAsync("echo", JsonNode.class, i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.stats().retried() > 0);
        downstream("zmq-rep://127.0.0.1:" + port);
        for (int i = 0; i < 20; i++) {
            assertThat(answers.get(i).get(60, TimeUnit.SECONDS).get(0).asInt()).isEqualTo(i);
        }
        assertThat(bridge.stats().forwarded()).isEqualTo(20);
    }

    @Test
    void notifyOnlyForwardsRequestsAsNotificationsAndAcknowledgesThemAsThePriorArtsRepToPubDid() {
        String down = downstream("tcp://127.0.0.1:0").endpoints().get(0).toString();
        int in = keep(Bridge.from("zmq-rep://127.0.0.1:0")
                        .to(down)
                        .notifyOnly(true)
                        .start())
                .endpoints()
                .get(0)
                .port();
        RpcClient client = keep(Junction.connect("zmq-req://127.0.0.1:" + in));
        assertThat(client.call("event", JsonNode.class, "p1").toString()).isEqualTo("{\"accepted\":true}");
        assertThat(client.call("event", JsonNode.class, "p2").toString()).isEqualTo("{\"accepted\":true}");
        await().atMost(Duration.ofSeconds(30)).until(() -> notified.size() == 2);
        assertThat(notified).containsExactly("p1", "p2");
    }

    @Test
    void aBufferedNotifyOnlyBridgeAcknowledgesWithTheSequenceNumber() {
        String down = downstream("tcp://127.0.0.1:0").endpoints().get(0).toString();
        String via = keep(Bridge.from("tcp://127.0.0.1:0")
                        .to(down)
                        .buffer(10)
                        .notifyOnly(true)
                        .start())
                .endpoints()
                .get(0)
                .toString();
        RpcClient client = keep(Junction.connect(via));
        assertThat(client.call("event", JsonNode.class, "q1").toString()).isEqualTo("{\"accepted\":true,\"seq\":1}");
        assertThat(client.call("event", JsonNode.class, "q2").toString()).isEqualTo("{\"accepted\":true,\"seq\":2}");
        await().atMost(Duration.ofSeconds(30)).until(() -> notified.size() == 2);
        assertThat(notified).containsExactly("q1", "q2");
    }
}
