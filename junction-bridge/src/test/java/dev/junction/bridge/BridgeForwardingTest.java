package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.BatchResult;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An unbuffered bridge over mem:// and tcp://: what it forwards, verbatim, and to whom. */
class BridgeForwardingTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CountDownLatch hanging = new CountDownLatch(1);

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

    private String downstream(String uri) {
        RpcServer server = keep(Junction.server()
                .method("echo", (context, params) -> params)
                .method("nothing", (context, params) -> null)
                .method("slowEcho", (context, params) -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    return params;
                })
                .method("fail", (context, params) -> {
                    throw new RpcException(
                            -32042,
                            "Teapot: " + params.get(0).asText(),
                            JsonNodeFactory.instance.objectNode().put("why", "short and stout"));
                })
                .method("hang", (context, params) -> {
                    context.onCancel(cancelled::countDown);
                    hanging.countDown();
                    return new CompletableFuture<>();
                })
                .method("event", (context, params) -> {
                    notified.add(String.valueOf(params));
                    return null;
                })
                .listen(uri)
                .start());
        return server.endpoints().get(0).toString();
    }

    private RpcClient through(String from, String to) {
        Bridge bridge = keep(Bridge.from(from).to(to).start());
        return keep(Junction.client()
                .timeout(Duration.ofSeconds(30))
                .connect(bridge.endpoints().get(0).toString()));
    }

    @Test
    void concurrentCallersNeverSeeEachOthersAnswers() throws Exception {
        String via = keep(Bridge.from("tcp://127.0.0.1:0")
                        .to(downstream("tcp://127.0.0.1:0"))
                        .start())
                .endpoints()
                .get(0)
                .toString();
        RpcClient client = keep(Junction.connect(via));
        RpcClient other = keep(Junction.connect(via));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                RpcClient caller = t % 2 == 0 ? client : other;
                int thread = t;
                checked.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String mine = thread + ":" + i + ":" + UUID.randomUUID();
                        JsonNode answer = caller.call("slowEcho", JsonNode.class, mine, i);
                        assertThat(answer.get(0).asText()).isEqualTo(mine);
                        assertThat(answer.get(1).asInt()).isEqualTo(i);
                    }
                    return 200;
                }));
            }
            for (Future<Integer> f : checked) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void paramsAndResultsTravelUnchanged() {
        RpcClient client =
                through("mem://bridge-raw-" + UUID.randomUUID(), downstream("mem://down-raw-" + UUID.randomUUID()));
        JsonNode named = client.call(
                "echo",
                JsonNode.class,
                Params.named(Map.of("big", new java.math.BigInteger("123456789012345678901234567890"))));
        // integers of any size travel exactly; fractions are read as doubles by core's JSON codec
        assertThat(named.toString()).isEqualTo("{\"big\":123456789012345678901234567890}");
        assertThat(client.call("echo", JsonNode.class, 1, "two", null, List.of(3))
                        .toString())
                .isEqualTo("[1,\"two\",null,[3]]");
        JsonNode none = client.call("echo", JsonNode.class);
        assertThat(none == null || none.isNull())
                .as("no params echoed as null: %s", none)
                .isTrue();
        JsonNode nothing = client.call("nothing", JsonNode.class);
        assertThat(nothing == null || nothing.isNull())
                .as("a null result: %s", nothing)
                .isTrue();
    }

    @Test
    void errorsComeBackVerbatimWithCodeMessageAndData() {
        RpcClient client =
                through("mem://bridge-err-" + UUID.randomUUID(), downstream("mem://down-err-" + UUID.randomUUID()));
        assertThatThrownBy(() -> client.call("fail", String.class, "tea"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32042);
                    assertThat(e.errorMessage()).isEqualTo("Teapot: tea");
                    assertThat(e.data().toString()).isEqualTo("{\"why\":\"short and stout\"}");
                });
        assertThatThrownBy(() -> client.call("no.such.method", String.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32601);
                    assertThat(e.errorMessage()).isEqualTo("Method not found: no.such.method");
                });
    }

    @Test
    void notificationsAreForwardedInOrder() {
        RpcClient client = through("tcp://127.0.0.1:0", downstream("tcp://127.0.0.1:0"));
        for (int i = 0; i < 100; i++) {
            client.notify("event", i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> notified.size() == 100);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("[" + i + "]");
        }
        assertThat(notified).containsExactlyElementsOf(expected);
    }

    @Test
    void aBatchIsForwardedAsIndividualCallsAndAnsweredAsABatch() {
        RpcClient client = through("tcp://127.0.0.1:0", downstream("tcp://127.0.0.1:0"));
        dev.junction.BatchBuilder batch = client.batch();
        CompletableFuture<JsonNode> a = batch.call("echo", JsonNode.class, "a");
        batch.notify("event", "batched");
        CompletableFuture<JsonNode> b = batch.call("fail", JsonNode.class, "b");
        CompletableFuture<JsonNode> c = batch.call("echo", JsonNode.class, "c");
        BatchResult result = batch.send();
        assertThat(result.size()).isEqualTo(3);
        assertThat(a.join().toString()).isEqualTo("[\"a\"]");
        assertThat(result.error(1).errorMessage()).isEqualTo("Teapot: b");
        assertThat(c.join().toString()).isEqualTo("[\"c\"]");
        assertThat(b).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(30)).until(() -> notified.contains("[\"batched\"]"));
    }

    @Test
    void cancellingTheCallerCancelsTheForwardedCall() throws Exception {
        RpcClient client = through("tcp://127.0.0.1:0", downstream("tcp://127.0.0.1:0"));
        CompletableFuture<String> call = client.callAsync("hang", String.class);
        assertThat(hanging.await(30, TimeUnit.SECONDS)).as("forwarded").isTrue();
        call.cancel(true);
        assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anUnreachableDownstreamIsAnsweredWithAClearErrorAndTheBridgeRecovers() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Bridge bridge = keep(Bridge.from("tcp://127.0.0.1:0")
                .to("tcp://127.0.0.1:" + port)
                .outbound(b -> b.connectTimeout(Duration.ofSeconds(2)))
                .start());
        RpcClient client = keep(Junction.connect(bridge.endpoints().get(0).toString()));
        assertThatThrownBy(() -> client.call("echo", String.class, "x"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Bridge.DOWNSTREAM_UNAVAILABLE);
                    assertThat(e.errorMessage())
                            .startsWith("Bridge: downstream tcp://127.0.0.1:" + port + " unavailable: ");
                });
        assertThat(bridge.stats().failed()).isEqualTo(1);
        downstream("tcp://127.0.0.1:" + port);
        assertThat(client.call("echo", JsonNode.class, "back").toString()).isEqualTo("[\"back\"]");
        assertThat(bridge.stats().forwarded()).isEqualTo(1);
    }

    @Test
    void aDownstreamThatDoesNotAnswerInTimeIsAnsweredWithTheBridgeError() {
        String down = downstream("mem://down-slow-" + UUID.randomUUID());
        Bridge bridge = keep(Bridge.from("mem://bridge-slow-" + UUID.randomUUID())
                .to(down)
                .timeout(Duration.ofMillis(300))
                .start());
        RpcClient client = keep(Junction.connect(bridge.endpoints().get(0).toString()));
        assertThatThrownBy(() -> client.call("hang", String.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(Bridge.DOWNSTREAM_UNAVAILABLE);
            assertThat(e.errorMessage()).contains("no answer within PT0.3S");
        });
    }

    @Test
    void perConnectionForwardsTheDownstreamsCallsBackToTheRightCaller() {
        String down = keep(Junction.server()
                        .method("whoAmI", (context, params) -> context.peer().call("name", String.class))
                        .listen("tcp://127.0.0.1:0")
                        .start())
                .endpoints()
                .get(0)
                .toString();
        Bridge bridge = keep(
                Bridge.from("tcp://127.0.0.1:0").to(down).perConnection(true).start());
        String via = bridge.endpoints().get(0).toString();
        List<RpcClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "client-" + i;
            clients.add(keep(Junction.client().method("name", (c, p) -> name).connect(via)));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(clients.get(i).call("whoAmI", String.class)).isEqualTo("client-" + i);
            }
        }
        clients.get(0).close();
        assertThat(clients.get(1).call("whoAmI", String.class)).isEqualTo("client-1");
    }

    @Test
    void sharedModeAnswersTheDownstreamsCallsBackWithMethodNotFound() {
        String down = keep(Junction.server()
                        .method("whoAmI", (context, params) -> context.peer().call("name", String.class))
                        .listen("tcp://127.0.0.1:0")
                        .start())
                .endpoints()
                .get(0)
                .toString();
        RpcClient client = keep(Junction.client()
                .method("name", (c, p) -> "never asked")
                .connect(keep(Bridge.from("tcp://127.0.0.1:0").to(down).start())
                        .endpoints()
                        .get(0)
                        .toString()));
        assertThatThrownBy(() -> client.call("whoAmI", String.class))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.errorMessage()).contains("name"));
    }
}
