package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.ErrorCodes;
import dev.junction.IdGenerator;
import dev.junction.RpcException;
import dev.junction.message.Id;
import dev.junction.service.Services;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fallback handler, name normalisation and outbound id generators, over mem://. */
class FallbackNamesAndIdsTest {

    @Test
    void theFallbackAnswersEveryNameNothingElseDoesAndSeesTheName() throws Exception {
        List<String> notified = new CopyOnWriteArrayList<>();
        try (MemPair pair = MemPair.of(s -> s.method("known", String.class, x -> "known:" + x)
                .fallback((context, params) -> {
                    if (context.id() == null) {
                        notified.add(context.method() + params);
                        return null;
                    }
                    return context.method() + " " + params;
                }))) {
            assertThat(pair.client.call("known", String.class, "a")).isEqualTo("known:a");
            assertThat(pair.client.call("any.thing", String.class, 1, 2)).isEqualTo("any.thing [1,2]");
            pair.client.notify("some.event", "x");
            await().until(() -> notified.equals(List.of("some.event[\"x\"]")));
        }
    }

    @Test
    void theEnginesCancelNotificationNeverReachesTheFallback() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.fallback((context, params) -> {
            seen.add(context.method());
            context.onCancel(cancelled::countDown);
            started.countDown();
            return new CompletableFuture<>();
        }))) {
            CompletableFuture<String> call = pair.client.callAsync("slow", String.class);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            call.cancel(true);
            assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("slow");
        }
    }

    @Test
    void aNormalisedNameReachesItsHandlerAndAnExactNameWins() throws Exception {
        try (MemPair pair = MemPair.of(s -> s.nameNormalizer(Services.LOWER_SNAKE_CASE)
                .method("return_null", String.class, x -> "snake")
                .method("Exact-Name", String.class, x -> "exact")
                .method("exact_name", String.class, x -> "normalised"))) {
            assertThat(pair.client.call("Return-Null", String.class, "x")).isEqualTo("snake");
            assertThat(pair.client.call("Exact-Name", String.class, "x")).isEqualTo("exact");
            assertThat(pair.client.call("EXACT-NAME", String.class, "x")).isEqualTo("normalised");
        }
        try (MemPair plain = MemPair.of(s -> s.method("return_null", String.class, x -> "snake"))) {
            assertThatThrownBy(() -> plain.client.call("Return-Null", String.class, "x"))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND));
        }
    }

    @Test
    void uuidIdsGoOnTheWireAsStrings() throws Exception {
        try (MemPair pair = new MemPair(
                s -> s.method(
                        "myId",
                        (context, params) ->
                                context.id().isString() ? context.id().text() : null),
                c -> c.idGenerator(IdGenerator.uuid()))) {
            String first = pair.client.call("myId", String.class);
            String second = pair.client.call("myId", String.class);
            assertThat(UUID.fromString(first).toString()).isEqualTo(first);
            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void random63IdsAreNonNegativeIntegers() throws Exception {
        try (MemPair pair = new MemPair(
                s -> s.method(
                        "myId",
                        (context, params) ->
                                context.id().isNumber() ? context.id().toString() : "?"),
                c -> c.idGenerator(IdGenerator.random63()))) {
            for (int i = 0; i < 20; i++) {
                assertThat(Long.parseLong(pair.client.call("myId", String.class)))
                        .isNotNegative();
            }
        }
    }

    @Test
    void anIdStillAwaitingAnAnswerIsSkipped() throws Exception {
        Iterator<Id> ids = List.of(Id.of("a"), Id.of("a"), Id.of("b")).iterator();
        CompletableFuture<String> release = new CompletableFuture<>();
        try (MemPair pair = new MemPair(
                s -> s.method(
                                "hold",
                                (context, params) ->
                                        release.thenApply(x -> context.id().toString()))
                        .method("myId", (context, params) -> context.id().toString()),
                c -> c.idGenerator(ids::next))) {
            CompletableFuture<String> held = pair.client.callAsync("hold", String.class);
            assertThat(pair.client.call("myId", String.class)).isEqualTo("\"b\"");
            release.complete("go");
            assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("\"a\"");
        }
    }

    @Test
    void aGeneratorThatReturnsNullFailsTheCallAtOnce() {
        try (MemPair pair = new MemPair(
                s -> s.method("x", String.class, x -> x),
                c -> c.idGenerator(() -> null).timeout(Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> pair.client.call("x", String.class, "a"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IdGenerator");
        }
    }
}
