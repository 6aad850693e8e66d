package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.BatchBuilder;
import dev.junction.BatchResult;
import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.ErrorCodes;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import dev.junction.testkit.ConformanceClientServices.Event;
import dev.junction.testkit.ConformanceServices.Received;
import dev.junction.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport conformance suite: what every transport must do for the engine above it, written
 * once and run per transport (as gRPC's {@code AbstractTransportTest}). Each test starts a server
 * answering {@link ConformanceServices} and {@link ConformanceApi} on {@link #listenUri()},
 * connects a client answering {@link ConformanceClientServices}, and afterwards closes both and
 * checks that nothing leaked: no call left pending on the client, and no peer left on the server
 * once the client has gone.
 *
 * <p>To run it for a transport, subclass it in that module's tests:
 *
 * <pre>{@code
 * class TcpNetstringConformanceTest extends AbstractTransportConformanceTest {
 *     @Override
 *     protected String listenUri() {
 *         return "tcp://127.0.0.1:0?framing=netstring";
 *     }
 *
 *     @Override
 *     protected String unboundUri() {
 *         return "tcp://127.0.0.1:" + FreePorts.closedPort();   // somewhere nothing listens
 *     }
 * }
 * }</pre>
 *
 * <p>The hooks, each with a default:
 *
 * <ul>
 *   <li>{@link #listenUri()} (required): where the server listens, with port 0 where the transport
 *       has ports; a transport without ports (mem://) returns a fresh name on each call.
 *   <li>{@link #connectUri(Endpoint)}: where the client connects, given the endpoint the server
 *       bound (default: that endpoint's URI, so port 0 is resolved).
 *   <li>{@link #configureServer} and {@link #configureClient}: transport settings such as TLS
 *       material, framing or codec (default: none). The suite adds its own services after these.
 *   <li>{@link #supportsServerToClientCalls()}: false for transports where the server cannot call
 *       or notify the client (HTTP); the tests that need it are then skipped (default: true).
 *   <li>{@link #unboundUri()}: a URI where nothing listens, for the connect-failure test (default:
 *       null, which skips that test).
 * </ul>
 *
 * <p>Each test has a 60 s timeout; on the in-memory transport the whole suite takes a few seconds.
 * The suite is not thread-safe: JUnit runs one test per instance.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractTransportConformanceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The server's services, fresh for each test. */
    protected ConformanceServices services;
    /** The server's typed service, fresh for each test. */
    protected ConformanceApi.Impl typed;
    /** The client's services, fresh for each test. */
    protected ConformanceClientServices clientServices;
    /** The server under test, started before each test. */
    protected RpcServer server;
    /** A client connected to {@link #server} before each test. */
    protected RpcClient client;

    // ---- the hooks ----

    /** Where the server listens: port 0 where the transport has ports, a fresh name otherwise. */
    protected abstract String listenUri();

    /** Where the client connects, given the endpoint the server bound. */
    protected String connectUri(Endpoint bound) {
        return bound.toString();
    }

    /** Transport settings for the server (TLS, framing, codec...); the suite adds its services after. */
    protected Junction.ServerBuilder configureServer(Junction.ServerBuilder builder) {
        return builder;
    }

    /** Transport settings for the client (TLS, framing, codec...); the suite adds its services after. */
    protected Junction.ClientBuilder configureClient(Junction.ClientBuilder builder) {
        return builder;
    }

    /** False where the server cannot call or notify a client (HTTP). */
    protected boolean supportsServerToClientCalls() {
        return true;
    }

    /** A URI where nothing listens, for the connect-failure test; null skips that test. */
    protected String unboundUri() {
        return null;
    }

    // ---- set-up and leak checks ----

    @BeforeEach
    void startServerAndConnect() {
        services = new ConformanceServices();
        typed = new ConformanceApi.Impl();
        clientServices = new ConformanceClientServices();
        server = configureServer(Junction.server())
                .service(services)
                .service(ConformanceApi.class, typed)
                .listen(listenUri())
                .start();
        client = connect();
    }

    /** Connects another client to the server under test, configured as the suite's own client. */
    protected RpcClient connect() {
        return configureClient(Junction.client())
                .service(clientServices)
                .connect(connectUri(server.endpoints().get(0)));
    }

    @AfterEach
    void closeAndCheckNothingLeaked() {
        try {
            services.release();
            client.close();
            assertThat(pendingCalls(client))
                    .as("calls still pending on the closed client")
                    .isZero();
            eventually()
                    .untilAsserted(() -> assertThat(server.peers())
                            .as("server peers after the client closed")
                            .isEmpty());
        } finally {
            client.close();
            server.close();
        }
    }

    /** The calls awaiting answers on {@code peer}. */
    protected static int pendingCalls(RpcPeer peer) {
        return peer.pendingCalls();
    }

    /** Awaitility, polling often: most conditions here hold within milliseconds. */
    protected static ConditionFactory eventually() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private void assumeServerToClientCalls() {
        assumeThat(supportsServerToClientCalls())
                .as("this transport cannot carry calls from the server to the client")
                .isTrue();
    }

    // ---- calls, notifications, errors ----

    @Test
    void callWithPositionalParamsAnswers() {
        assertThat(client.call("subtract", long.class, 42, 23)).isEqualTo(19L);
    }

    @Test
    void callWithNamedParamsAnswers() {
        assertThat(client.call("subtract", long.class, Params.named(Map.of("minuend", 42, "subtrahend", 23))))
                .isEqualTo(19L);
    }

    @Test
    void notificationReachesTheServer() {
        client.notify("update", 1, 2, 3, 4, 5);
        eventually().until(() -> !services.received().isEmpty());
        assertThat(services.received()).containsExactly(new Received("update", List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void unknownMethodFailsWithMethodNotFound() {
        assertThatThrownBy(() -> client.call("no.such.method", Object.class))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND));
    }

    @Test
    void handlerRpcExceptionTravelsExactly() throws Exception {
        JsonNode data = JSON.readTree("{\"detail\":[1,\"two\",null,{\"x\":1.5}]}");
        assertThatThrownBy(() -> client.call("fail", Object.class, -32042, "Custom failure", data))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32042);
                    assertThat(e.errorMessage()).isEqualTo("Custom failure");
                    assertThat(e.data()).isEqualTo(data);
                });
    }

    @Test
    void unexpectedHandlerFailureAnswersInternalErrorWithoutDetails() {
        assertThatThrownBy(() -> client.call("boom", Object.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
            assertThat(e.errorMessage()).isEqualTo("Internal error");
            assertThat(e.data()).isNull();
            assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("IllegalState");
        });
    }

    @Test
    void paramsThatDoNotBindFailWithInvalidParams() {
        assertThatThrownBy(() -> client.call("subtract", long.class, Params.named(Map.of("minuend", 42))))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
        assertThatThrownBy(() -> client.call("subtract", long.class, "forty-two", 23))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void batchYieldsEachCallsResultOrErrorAndDeliversItsNotifications() {
        BatchBuilder batch = client.batch();
        CompletableFuture<Integer> sum = batch.call("sum", int.class, 1, 2, 4);
        batch.notify("notify_hello", 7);
        CompletableFuture<Long> difference = batch.call("subtract", long.class, 42, 23);
        CompletableFuture<Object> missing = batch.call("foo.get", Object.class, Params.named(Map.of("name", "x")));
        CompletableFuture<List<Object>> data = batch.call("get_data", new TypeReference<List<Object>>() {});
        batch.notify("notify_sum", 1, 2, 4);

        BatchResult result = batch.send();

        assertThat(result.size()).isEqualTo(4);
        assertThat(result.<Integer>get(0)).isEqualTo(7);
        assertThat(result.<Long>get(1)).isEqualTo(19L);
        assertThat(result.isSuccess(2)).isFalse();
        assertThat(result.error(2).code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
        assertThat(result.<List<Object>>get(3)).containsExactly("hello", 5);
        assertThat(sum).isCompletedWithValue(7);
        assertThat(difference).isCompletedWithValue(19L);
        assertThat(missing).isCompletedExceptionally();
        assertThat(data).isCompleted();
        eventually().until(() -> services.received().size() == 2);
        assertThat(services.received())
                .containsExactlyInAnyOrder(
                        new Received("notify_hello", List.of(7)), new Received("notify_sum", List.of(1, 2, 4)));
    }

    @Test
    void asyncCallsCompleteOutOfOrder() throws Exception {
        List<Long> completed = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> slow = client.callAsync("sleep", long.class, 200);
        CompletableFuture<Long> fast = client.callAsync("sleep", long.class, 10);
        slow.thenAccept(completed::add);
        fast.thenAccept(completed::add);

        assertThat(fast.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(10L);
        assertThat(slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200L);
        eventually().until(() -> completed.size() == 2);
        assertThat(completed).containsExactly(10L, 200L);
    }

    // ---- the server calling the client ----

    @Test
    void serverCallsTheClientBackWhileServing() {
        assumeServerToClientCalls();
        JsonNode answer = client.call("callback", JsonNode.class, "client.add", List.of(2, 3));
        assertThat(answer.asInt()).isEqualTo(5);
    }

    @Test
    void serverPushesNotificationsToTheClient() {
        assumeServerToClientCalls();
        assertThat(client.call("pushNotifications", int.class, "news", 5)).isEqualTo(5);
        eventually().until(() -> clientServices.events().size() == 5);
        assertThat(clientServices.events())
                .containsExactly(
                        new Event("news", 0),
                        new Event("news", 1),
                        new Event("news", 2),
                        new Event("news", 3),
                        new Event("news", 4));
    }

    @Test
    void serverCallsAConnectedClientFromOutsideAnyHandler() {
        assumeServerToClientCalls();
        eventually().until(() -> server.peers().size() == 1);
        RpcPeer peer = server.peers().iterator().next();
        assertThat(peer.call("client.add", int.class, 40, 2)).isEqualTo(42);
        peer.notify(ConformanceClientServices.ON_EVENT, "outside", 1);
        eventually().until(() -> clientServices.events().contains(new Event("outside", 1)));
    }

    // ---- payloads ----

    @Test
    void oneMebibyteStringRoundTrips() {
        StringBuilder sb = new StringBuilder(1 << 20);
        for (int i = 0; sb.length() < (1 << 20); i++) {
            sb.append((char) ('a' + i % 26));
            if (i % 1000 == 999) {
                sb.append('\n');
            }
        }
        String big = sb.substring(0, 1 << 20);
        assertThat(client.call("echo", String.class, big)).isEqualTo(big);
    }

    @Test
    void unicodeAndEscapesRoundTrip() {
        String text = "emoji 😀🎉👩‍👩‍👧, CJK 漢字かなカナ한국어, NUL [\u0000], controls [\u0001\u001f\t\n\r],"
                + " quotes \" and \\ backslash, RTL שלום, lone high surrogate-free é\u0301, max \uFFFD\uD83D\uDE00";
        assertThat(client.call("echo", String.class, text)).isEqualTo(text);
        Map<String, Object> keyed = Map.of("ключ 🗝", List.of("値", "\u0000"));
        assertThat(client.call("echo", new TypeReference<Map<String, Object>>() {}, keyed))
                .isEqualTo(keyed);
    }

    // ---- concurrency ----

    @Test
    void thousandCallsInFlightFromEightThreadsEachGetTheirOwnAnswer() throws Exception {
        int threads = 8;
        int perThread = 125;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<String>> calls = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        calls.add(client.callAsync("echo", String.class, "t" + thread + "-" + i));
                    }
                    List<String> answers = new ArrayList<>();
                    for (CompletableFuture<String> call : calls) {
                        answers.add(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                    }
                    return answers;
                }));
            }
            for (int t = 0; t < threads; t++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    expected.add("t" + t + "-" + i);
                }
                assertThat(results.get(t).get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(pendingCalls(client)).isZero();
    }

    // ---- closing, deadlines, cancellation ----

    @Test
    void closingTheClientFailsItsPendingCallsAtOnce() {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.callAsync("block", String.class));
        }
        eventually().until(() -> services.blocked() == 10);

        client.close();

        assertThat(pendingCalls(client)).isZero();
        // Well before any deadline (30 s by default): the close itself fails them.
        for (CompletableFuture<String> call : calls) {
            assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
        }
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void closingTheServerFailsTheClientsPendingCallsAndClosesIt() {
        CompletableFuture<String> call = client.callAsync("block", String.class);
        eventually().until(() -> services.blocked() == 1);

        server.close();

        assertThatThrownBy(() -> call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectionClosedException.class);
        eventually().until(() -> !client.isOpen());
        assertThat(pendingCalls(client)).isZero();
    }

    @Test
    void callPastItsDeadlineFailsAndTheNextCallWorks() {
        RpcPeer quick = client.withTimeout(Duration.ofMillis(100));
        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.call("block", String.class))
                .isInstanceOfSatisfying(
                        DeadlineExceededException.class,
                        e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(pendingCalls(client)).isZero();
        assertThat(client.call("echo", String.class, "still works")).isEqualTo("still works");
    }

    @Test
    void cancellingACallsFutureReachesTheServersContext() throws Exception {
        CompletableFuture<String> call = client.callAsync("cancellable", String.class);
        assertThat(services.cancellableStarted().await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the handler started")
                .isTrue();

        assertThat(call.cancel(true)).isTrue();

        assertThat(services.cancellableCancelled().await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the handler's onCancel fired")
                .isTrue();
        assertThat(pendingCalls(client)).isZero();
        assertThat(client.call("echo", String.class, "after")).isEqualTo("after");
    }

    @Test
    void connectingWhereNothingListensFailsWithATransportErrorCarryingItsCause() {
        String uri = unboundUri();
        assumeThat(uri)
                .as("the subclass gives no unboundUri() where nothing listens")
                .isNotNull();
        assertThatThrownBy(() -> configureClient(Junction.client()).connect(uri))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.getCause()).as("cause").isNotNull());
    }

    // ---- typed proxies ----

    @Test
    void typedProxyWorksEndToEnd() throws Exception {
        ConformanceApi api = client.proxy(ConformanceApi.class);
        assertThat(api.multiply(6, 7)).isEqualTo(42);
        assertThat(api.shout("hello").get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("HELLO!");
        api.note("noted");
        eventually().until(() -> typed.notes().contains("noted"));
    }

    // ---- the specification's examples, through the client API ----

    @Test
    void specificationExamplesAnswerAsSpecified() throws TimeoutException {
        assertThat(client.call("subtract", int.class, 42, 23)).isEqualTo(19);
        assertThat(client.call("subtract", int.class, 23, 42)).isEqualTo(-19);
        assertThat(client.call("subtract", int.class, Params.named(ordered("subtrahend", 23, "minuend", 42))))
                .isEqualTo(19);
        assertThat(client.call("subtract", int.class, Params.named(ordered("minuend", 42, "subtrahend", 23))))
                .isEqualTo(19);
        assertThat(client.call("sum", int.class, 1, 2, 4)).isEqualTo(7);
        assertThat(client.call("get_data", new TypeReference<List<Object>>() {}))
                .containsExactly("hello", 5);
        client.notify("update", 1, 2, 3, 4, 5);
        client.notify("foobar");
        eventually().until(() -> !services.received().isEmpty());
        assertThat(services.received()).containsExactly(new Received("update", List.of(1, 2, 3, 4, 5)));
        assertThatThrownBy(() -> client.call("foobar", Object.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
            assertThat(e.errorMessage()).startsWith("Method not found");
        });
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
