package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffered bridges: queueing through an outage, overflow policies, the journal. */
class BufferedBridgeTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path tmp;

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

    private static String mem(String what) {
        return "mem://" + what + "-" + UUID.randomUUID();
    }

    private RpcClient client(Bridge bridge) {
        return keep(Junction.client()
                .timeout(Duration.ofSeconds(90))
                .limits(Limits.defaults().toBuilder().maxPendingCalls(20_000).build())
                .connect(bridge.endpoints().get(0).toString()));
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void aDownstreamStoppedForFiveSecondsUnderASteadyStreamGetsEveryCallInOrderExactlyOnce() throws Exception {
        int n = Integer.getInteger("junction.bridge.outageCalls", 10_000);
        Downstream down = keep(new Downstream(mem("down")).start());
        String downUri = down.uri();
        Bridge bridge = keep(Bridge.from(mem("bridge"))
                .to(downUri)
                .buffer(n)
                .retryInterval(Duration.ofMillis(50))
                .start());
        RpcClient client = client(bridge);
        List<CompletableFuture<Integer>> answers = new ArrayList<>(n);
        CompletableFuture<Void> outage = new CompletableFuture<>();
        for (int i = 0; i < n; i++) {
            answers.add(client.callAsync("work", Integer.class, i));
            if (i == n / 5) {
                new Thread(() -> {
                            try {
                                down.stop();
                                Thread.sleep(5_000); // the injected fault: five seconds without a downstream
                                down.start();
                                outage.complete(null);
                            } catch (Throwable t) {
                                outage.completeExceptionally(t);
                            }
                        })
                        .start();
            }
            LockSupport.parkNanos(400_000); // a steady stream, spanning the outage
        }
        outage.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i * 2);
        }
        assertThat(down.deduplicated()).containsExactlyElementsOf(upTo(n));
        int redelivered = down.redeliveries();
        assertThat(redelivered)
                .as("only the one call in flight when the link dropped")
                .isLessThanOrEqualTo(1);
        assertThat(down.raw()).hasSize(n + redelivered);
        BridgeStats stats = bridge.stats();
        assertThat(stats.forwarded()).isEqualTo(n);
        assertThat(stats.retried()).as("the outage was felt").isPositive();
        assertThat(stats.queued()).isZero();
        assertThat(stats.dropped() + stats.rejected()).isZero();
    }

    @Test
    void rejectRefusesRequestsPastTheBoundWithAClearErrorAndDeliversTheRest() {
        String downUri = mem("down");
        Bridge bridge = keep(Bridge.from(mem("bridge"))
                .to(downUri)
                .buffer(3)
                .overflow(Overflow.REJECT)
                .reply(ReplyMode.ACCEPTED)
                .start());
        RpcClient client = client(bridge);
        for (int i = 0; i < 3; i++) {
            JsonNode ack = client.call("work", JsonNode.class, i);
            assertThat(ack.get("accepted").asBoolean()).isTrue();
            assertThat(ack.get("seq").asLong()).isEqualTo(i + 1);
        }
        assertThatThrownBy(() -> client.call("work", JsonNode.class, 3))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.errorMessage())
                            .isEqualTo("Bridge queue full: 3 messages wait for " + downUri + " (reject)");
                });
        assertThat(bridge.stats().rejected()).isEqualTo(1);
        assertThat(bridge.stats().queued()).isEqualTo(3);
        Downstream down = keep(new Downstream(downUri).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> down.deduplicatedCount() == 3);
        assertThat(down.deduplicated()).containsExactly(0, 1, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.stats().queued() == 0);
    }

    @Test
    void dropNewestDiscardsWhatArrivesPastTheBound() {
        String downUri = mem("down");
        Bridge bridge = keep(Bridge.from(mem("bridge"))
                .to(downUri)
                .buffer(3)
                .overflow(Overflow.DROP_NEWEST)
                .start());
        RpcClient client = client(bridge);
        for (int i = 0; i < 5; i++) {
            client.notify("note", i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.stats().dropped() == 2);
        Downstream down = keep(new Downstream(downUri).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> down.notes().size() == 3);
        assertThat(down.notes()).containsExactly(0, 1, 2);
    }

    @Test
    void dropOldestMakesRoomByDiscardingTheOldestNotBeingDeliveredAndTellsItsCaller() {
        String downUri = mem("down");
        Bridge bridge = keep(Bridge.from(mem("bridge"))
                .to(downUri)
                .buffer(3)
                .overflow(Overflow.DROP_OLDEST)
                .retryInterval(Duration.ofMillis(50))
                .start());
        RpcClient client = client(bridge);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        answers.add(client.callAsync("work", Integer.class, 0));
        // #0 is now being delivered (and retried): it is never the one dropped
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.stats().retried() > 0);
        for (int i = 1; i < 5; i++) {
            answers.add(client.callAsync("work", Integer.class, i));
        }
        assertThatThrownBy(() -> answers.get(1).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RpcException.class)
                .hasMessageContaining("Bridge: dropped, queue full (3 messages for " + downUri + ", drop-oldest)");
        assertThat(answers.get(2)).failsWithin(Duration.ofSeconds(10));
        assertThat(bridge.stats().dropped()).isEqualTo(2);
        Downstream down = keep(new Downstream(downUri).start());
        assertThat(answers.get(0).join()).isZero();
        assertThat(answers.get(3).join()).isEqualTo(6);
        assertThat(answers.get(4).join()).isEqualTo(8);
        assertThat(down.deduplicated()).containsExactly(0, 3, 4);
    }

    @Test
    void errorsAndNotificationsPassThroughABufferedBridgeInOrder() {
        Downstream down = keep(new Downstream(mem("down")).start());
        Bridge bridge =
                keep(Bridge.from(mem("bridge")).to(down.uri()).buffer(100).start());
        RpcClient client = client(bridge);
        for (int i = 0; i < 50; i++) {
            client.notify("note", i);
        }
        assertThat(client.call("work", Integer.class, 21)).isEqualTo(42);
        // delivered in order; the downstream runs its notifications one by one, apart from its requests
        await().atMost(Duration.ofSeconds(30)).until(() -> down.notes().size() == 50);
        assertThat(down.notes()).containsExactlyElementsOf(upTo(50));
        assertThatThrownBy(() -> client.call("missing", Integer.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32601);
                    assertThat(e.errorMessage()).isEqualTo("Method not found: missing");
                });
    }

    @Test
    void aJournalKeepsWhatWasAcceptedAcrossARestart() {
        String downUri = mem("down");
        Path journal = tmp.resolve("journal");
        String from = mem("bridge");
        Bridge first = Bridge.from(from)
                .to(downUri)
                .journal(journal)
                .reply(ReplyMode.ACCEPTED)
                .start();
        try (RpcClient client = Junction.connect(first.endpoints().get(0).toString())) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.call("work", JsonNode.class, i).get("seq").asLong())
                        .isEqualTo(i + 1);
            }
            client.notify("note", 99);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().queued() == 6);
        } finally {
            first.close();
        }
        Downstream down = keep(new Downstream(downUri).start());
        Bridge second = keep(Bridge.from(from).to(downUri).journal(journal).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> second.stats().queued() == 0);
        assertThat(down.deduplicated()).containsExactly(0, 1, 2, 3, 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> down.notes().size() == 1);
        assertThat(down.notes()).containsExactly(99);
        assertThat(second.stats().forwarded()).isEqualTo(6);
        assertThat(down.rawIds().get(0)).endsWith("-1");
        // sequence numbers go on from where the journal left them
        try (RpcClient client =
                Junction.client().connect(second.endpoints().get(0).toString())) {
            client.call("work", Integer.class, 5);
        }
        assertThat(down.rawIds().get(5)).endsWith("-7");
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedNamingIt() throws Exception {
        Path journal = Files.createDirectories(tmp.resolve("bad"));
        Files.write(
                journal.resolve("bridge.mv.db"),
                "this is not an MVStore file, just some text.".repeat(200).getBytes());
        assertThatThrownBy(() -> Bridge.from(mem("bridge"))
                        .to(mem("down"))
                        .journal(journal)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot open the bridge journal " + journal.resolve("bridge.mv.db") + ": ");
    }

    @Test
    void aJournalInUseIsRefused() {
        Path journal = tmp.resolve("shared");
        keep(Bridge.from(mem("bridge")).to(mem("down")).journal(journal).start());
        assertThatThrownBy(() -> Bridge.from(mem("bridge"))
                        .to(mem("down"))
                        .journal(journal)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot open the bridge journal " + journal.resolve("bridge.mv.db") + ": ");
    }

    @Test
    void badSettingsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Bridge.from("mem://x").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Give the bridge a destination with to(uri)");
        assertThatThrownBy(() -> Bridge.from("mem://x")
                        .to("mem://y")
                        .buffer(5)
                        .perConnection(true)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A buffered bridge has one outbound connection: drop perConnection");
        assertThatThrownBy(() -> Bridge.from("mem://x").buffer(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer must be 0 (none) or positive, not -1");
        assertThatThrownBy(() -> Overflow.parse("drop-middle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown overflow policy 'drop-middle': use drop-oldest, drop-newest or reject");
        assertThat(Overflow.parse("Drop_Oldest")).isEqualTo(Overflow.DROP_OLDEST);
        assertThatThrownBy(() -> Bridge.from("no scheme here")).isInstanceOf(IllegalArgumentException.class);
    }
}
