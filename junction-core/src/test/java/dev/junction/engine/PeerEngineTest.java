package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.ErrorCodes;
import dev.junction.Junction;
import dev.junction.LimitExceededException;
import dev.junction.Limits;
import dev.junction.RpcException;
import dev.junction.RpcPeer;
import dev.junction.TransportException;
import dev.junction.service.Services;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The peer engine over mem://: concurrency, deadlines, closing, limits, cancellation. */
class PeerEngineTest {

    @Test
    void thousandCallsInFlightFromEightThreadsEachReachTheirCaller() throws Exception {
        int calls = 1_000;
        CompletableFuture<Void> allArrived = new CompletableFuture<>();
        AtomicInteger arrived = new AtomicInteger();
        Services services = Services.builder()
                .nonBlockingMethod("hold", (ctx, params) -> {
                    if (arrived.incrementAndGet() == calls) {
                        allArrived.complete(null);
                    }
                    String value = params.get(0).asText();
                    return allArrived.thenApply(ignored -> value);
                })
                .build();
        try (MemPair pair = MemPair.of(s -> s.services(services))) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<List<String>>> perThread = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                perThread.add(threads.submit(() -> {
                    List<CompletableFuture<String>> futures = new ArrayList<>();
                    for (int i = thread; i < calls; i += 8) {
                        futures.add(pair.client.callAsync("hold", String.class, "call-" + i));
                    }
                    List<String> results = new ArrayList<>();
                    for (CompletableFuture<String> f : futures) {
                        results.add(f.get(30, TimeUnit.SECONDS));
                    }
                    return results;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<String> results = perThread.get(t).get(60, TimeUnit.SECONDS);
                List<String> expected = new ArrayList<>();
                for (int i = t; i < calls; i += 8) {
                    expected.add("call-" + i);
                }
                assertThat(results).isEqualTo(expected);
            }
            threads.shutdown();
            assertThat(pair.client.pendingCalls()).isZero();
        }
    }

    @Test
    void handlerCallingBackTheRemotePeerWhileServingDoesNotDeadlock() {
        try (MemPair pair = new MemPair(
                s -> s.method("greet", String.class, name -> name).method("outer", (ctx, params) -> {
                    String title = ctx.peer()
                            .call("client.title", String.class, params.get(0).asText());
                    return title + " " + params.get(0).asText();
                }),
                c -> c.method("client.title", (ctx, params) -> {
                    // The client, while serving the server's call, calls the server again.
                    return ctx.peer().call("greet", String.class, "Dr.");
                }))) {
            assertThat(pair.client.call("outer", String.class, "Ada")).isEqualTo("Dr. Ada");
        }
    }

    @Test
    void closingTheConnectionFailsEveryPendingCallAtOnce() {
        CountDownLatch never = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("block", (ctx, params) -> {
            never.await();
            return null;
        }))) {
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pair.client.callAsync("block", Object.class));
            }
            pair.client.close();
            assertThat(pair.client.pendingCalls()).isZero();
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                    .handle((ok, error) -> null)
                    .join();
            for (CompletableFuture<Object> f : futures) {
                assertThat(f).isCompletedExceptionally();
                assertThatThrownBy(f::get).cause().isInstanceOf(ConnectionClosedException.class);
            }
            assertThat(pair.client.pendingCalls()).isZero();
        } finally {
            never.countDown();
        }
    }

    @Test
    void serverClosingFailsTheClientsPendingCalls() {
        CountDownLatch started = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("block", (ctx, params) -> {
            started.countDown();
            new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            return null;
        }))) {
            CompletableFuture<Object> call = pair.client.callAsync("block", Object.class);
            await().until(() -> started.getCount() == 0);
            pair.server.close();
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
            await().until(() -> !pair.client.isOpen());
        }
    }

    @Test
    void callPastItsDeadlineFailsAndItsLateAnswerIsDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("slow", (ctx, params) -> {
                    release.await();
                    answered.countDown();
                    return "late";
                })
                .cancelMethod(null))) {
            RpcPeer quick = pair.client.withTimeout(Duration.ofMillis(100));
            assertThatThrownBy(() -> quick.call("slow", String.class))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("'slow'")
                    .hasMessageContaining("100 ms");
            assertThat(pair.client.pendingCalls()).isZero();
            release.countDown();
            assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
            // The late answer went nowhere; the connection still works.
            assertThat(pair.client.call("slow", String.class)).isEqualTo("late");
        }
    }

    @Test
    void cancellingACallTellsTheServingSide() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("long", (ctx, params) -> {
            ctx.onCancel(cancelled::countDown);
            running.countDown();
            cancelled.await(20, TimeUnit.SECONDS);
            return ctx.isCancelled() ? "cancelled" : "finished";
        }))) {
            CompletableFuture<String> call = pair.client.callAsync("long", String.class);
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(call.cancel(true)).isTrue();
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pair.client.pendingCalls()).isZero();
        }
    }

    @Test
    void tooManyPendingCallsFailWithAnErrorNamingTheLimit() {
        CountDownLatch never = new CountDownLatch(1);
        try (MemPair pair = new MemPair(
                s -> s.method("block", (ctx, params) -> {
                    never.await();
                    return null;
                }),
                c -> c.limits(Limits.builder().maxPendingCalls(5).build()))) {
            for (int i = 0; i < 5; i++) {
                pair.client.callAsync("block", Object.class);
            }
            assertThatThrownBy(() -> pair.client.call("block", Object.class))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("Limits.maxPendingCalls");
        } finally {
            never.countDown();
        }
    }

    @Test
    void requestsBeyondTheInboundBoundsAreRefusedWithServerOverloaded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoRunning = new CountDownLatch(2);
        try (MemPair pair = MemPair.of(s -> s.limits(Limits.builder()
                        .maxConcurrentRequests(2)
                        .maxQueuedRequests(1)
                        .build())
                .method("block", (ctx, params) -> {
                    twoRunning.countDown();
                    release.await();
                    return "done";
                }))) {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            calls.add(pair.client.callAsync("block", String.class));
            calls.add(pair.client.callAsync("block", String.class));
            assertThat(twoRunning.await(5, TimeUnit.SECONDS)).isTrue();
            calls.add(pair.client.callAsync("block", String.class));
            CompletableFuture<String> refused = pair.client.callAsync("block", String.class);
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.SERVER_OVERLOADED);
                        assertThat(e.errorMessage()).contains("Limits.maxQueuedRequests");
                    });
            release.countDown();
            for (CompletableFuture<String> c : calls) {
                assertThat(c.get(5, TimeUnit.SECONDS)).isEqualTo("done");
            }
        }
    }

    @Test
    void orderedModeRunsRequestsOneAtATimeInArrivalOrder() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        try (MemPair pair = MemPair.of(s -> s.ordered(true).method("step", (ctx, params) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(1);
            order.add(params.get(0).asInt());
            running.decrementAndGet();
            return null;
        }))) {
            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pair.client.callAsync("step", Object.class, i));
            }
            CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
            assertThat(maxRunning.get()).isEqualTo(1);
            assertThat(order).isSorted().hasSize(50);
        }
    }

    @Test
    void notificationsFromOneConnectionAreHandledInOrder() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (MemPair pair = MemPair.of(s -> s.method("note", (ctx, params) -> {
            seen.add(params.get(0).asInt());
            return null;
        }))) {
            for (int i = 0; i < 500; i++) {
                pair.client.notify("note", i);
            }
            await().until(() -> seen.size() == 500);
            assertThat(seen).isSorted();
        }
    }

    @Test
    void nonBlockingHandlersRunOnTheTransportThread() {
        AtomicReference<String> thread = new AtomicReference<>();
        Services services = Services.builder()
                .nonBlockingMethod("where", (ctx, params) -> {
                    thread.set(Thread.currentThread().getName());
                    return "here";
                })
                .build();
        try (MemPair pair = MemPair.of(s -> s.services(services))) {
            assertThat(pair.client.call("where", String.class)).isEqualTo("here");
            assertThat(thread.get()).startsWith("junction-mem-");
        }
    }

    @Test
    void handlersRunOnVirtualThreadsWhereTheRuntimeHasThem() throws Exception {
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        try (MemPair pair = MemPair.of(s -> s.method("where", (ctx, params) -> {
            virtual.set(isVirtual(Thread.currentThread()));
            return null;
        }))) {
            pair.client.call("where", Object.class);
            boolean runtimeHasVirtualThreads = Runtime.version().feature() >= 21;
            assertThat(virtual.get()).isEqualTo(runtimeHasVirtualThreads);
        }
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void unexpectedFailuresAnswerInternalErrorWithoutDetailsUnlessAskedFor() {
        try (MemPair pair = MemPair.of(s -> s.method("boom", (ctx, params) -> {
            throw new IllegalStateException("secret detail");
        }))) {
            assertThatThrownBy(() -> pair.client.call("boom", Object.class))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
                        assertThat(e.errorMessage()).isEqualTo("Internal error");
                        assertThat(e.data()).isNull();
                    });
        }
        try (MemPair pair = MemPair.of(s -> s.exposeErrorDetails(true).method("boom", (ctx, params) -> {
            throw new IllegalStateException("secret detail");
        }))) {
            assertThatThrownBy(() -> pair.client.call("boom", Object.class))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.errorMessage()).contains("secret detail");
                        assertThat(e.data().get("exception").asText()).isEqualTo("java.lang.IllegalStateException");
                    });
        }
    }

    @Test
    void rpcExceptionsTravelExactly() {
        try (MemPair pair = MemPair.of(s -> s.method("fail", (ctx, params) -> {
            throw new RpcException(-32042, "Custom", params);
        }))) {
            assertThatThrownBy(() -> pair.client.call("fail", Object.class, 1, "two"))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32042);
                        assertThat(e.errorMessage()).isEqualTo("Custom");
                        assertThat(e.data()).hasToString("[1,\"two\"]");
                    });
        }
    }

    @Test
    void connectingToANameNobodyListensOnFailsWithATransportErrorAndItsCause() {
        assertThatThrownBy(() -> Junction.connect("mem://nobody-here"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("refused")
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aSchemeWithoutItsModuleNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> Junction.connect("tcp://127.0.0.1:4000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.junction:junction-netty");
        assertThatThrownBy(() -> Junction.connect("zmq-dealer://127.0.0.1:4000"))
                .hasMessageContaining("dev.junction:junction-zeromq");
    }

    @Test
    void resultsBindToGenericTypes() {
        try (MemPair pair = MemPair.of(s -> s.method("data", (ctx, params) -> List.of(List.of(1, 2), List.of(3))))) {
            List<List<Integer>> data = pair.client.call(
                    "data", new com.fasterxml.jackson.core.type.TypeReference<List<List<Integer>>>() {});
            assertThat(data).containsExactly(List.of(1, 2), List.of(3));
            JsonNode raw = pair.client.call("data", JsonNode.class);
            assertThat(raw).hasToString("[[1,2],[3]]");
        }
    }

    @Test
    void aResultThatDoesNotBindFailsWithACodecError() {
        try (MemPair pair = MemPair.of(s -> s.method("text", (ctx, params) -> "not a number"))) {
            assertThatThrownBy(() -> pair.client.call("text", int.class))
                    .isInstanceOf(dev.junction.CodecException.class)
                    .hasMessageContaining("'text'");
        }
    }

    @Test
    void handlersReturningFuturesAnswerWhenTheyComplete() {
        try (MemPair pair = MemPair.of(s -> s.method(
                "later",
                (ctx, params) ->
                        CompletableFuture.supplyAsync(() -> params.get(0).asInt() * 2)))) {
            assertThat(pair.client.call("later", int.class, 21)).isEqualTo(42);
        }
    }
}
