package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable bridge in its own JVM, killed with SIGKILL in the middle of a stream of 10,000 calls
 * and restarted on the same journal: every call it had acknowledged reaches the downstream exactly
 * once, and in order.
 */
class DurableBridgeKillTest {
    private static final int WINDOW = 200;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();
    private Downstream down;

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        if (down != null) {
            down.close();
        }
    }

    @Test
    void everyAcknowledgedCallIsDeliveredOnceAndInOrderAcrossAKill() throws Exception {
        int n = Integer.getInteger("junction.bridge.killCalls", 10_000);
        int killAt = n / 2;
        down = new Downstream("tcp://127.0.0.1:0").start();
        Path journal = tmp.resolve("journal");
        AtomicIntegerArray acked = new AtomicIntegerArray(n);

        Process first = startBridge(down.uri(), journal, "first");
        try (RpcClient client = connect(first)) {
            send(
                    client,
                    IntStream.range(0, killAt).boxed().collect(Collectors.toList()),
                    acked,
                    first,
                    killAt - WINDOW);
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<Integer> ackedBeforeKill = new HashSet<>();
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (acked.get(i) == 1) {
                ackedBeforeKill.add(i);
            } else {
                again.add(i); // not acknowledged: the caller cannot know, and sends it again
            }
        }
        assertThat(ackedBeforeKill)
                .as("the kill came in the middle of the stream")
                .isNotEmpty();
        assertThat(again.get(0)).isLessThan(killAt);

        Process second = startBridge(down.uri(), journal, "second");
        try (RpcClient client = connect(second)) {
            send(client, again, acked, null, -1);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> new HashSet<>(down.deduplicated()).size() == n);

        List<Integer> delivered = down.deduplicated();
        assertThat(new ArrayList<>(new LinkedHashSet<>(delivered)))
                .as("in order")
                .containsExactlyElementsOf(IntStream.range(0, n).boxed().collect(Collectors.toList()));
        Map<Integer, Integer> times = new HashMap<>();
        delivered.forEach(v -> times.merge(v, 1, Integer::sum));
        for (int v : ackedBeforeKill) {
            assertThat(times.get(v)).as("acknowledged %d delivered once", v).isEqualTo(1);
        }
        List<Integer> twice = times.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        assertThat(twice)
                .as("only calls journaled but not yet acknowledged at the kill, sent again by their caller")
                .allMatch(v -> !ackedBeforeKill.contains(v) && v < killAt)
                .hasSizeLessThanOrEqualTo(WINDOW);
        assertThat(times.values()).allMatch(t -> t <= 2);
        // deliveries done but not yet committed as done when killed are sent again, under their ids:
        // at most the one in flight plus the bridge's bound on uncommitted deliveries (64)
        assertThat(down.redeliveries()).as("redelivered under the same id").isLessThanOrEqualTo(65);
    }

    /** Sends {@code values} with at most WINDOW unanswered; kills {@code victim} after {@code killAfter} were sent. */
    private static void send(
            RpcClient client, List<Integer> values, AtomicIntegerArray acked, Process victim, int killAfter)
            throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<?>> all = new ArrayList<>();
        int sent = 0;
        for (int v : values) {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new AssertionError("no acknowledgement for 30 s");
            }
            CompletableFuture<Object> call;
            try {
                call = client.callAsync("work", Object.class, v);
            } catch (RuntimeException closed) {
                window.release();
                break;
            }
            all.add(call.whenComplete((ack, error) -> {
                if (error == null) {
                    acked.set(v, 1);
                }
                window.release();
            }));
            if (victim != null && ++sent == killAfter) {
                victim.destroyForcibly(); // SIGKILL, with calls in flight
                victim = null;
            }
            if (victim == null && killAfter > 0 && !client.isOpen()) {
                break;
            }
        }
        for (CompletableFuture<?> f : all) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException failedByTheKill) {
                // its value stays unacknowledged
            }
        }
    }

    private static RpcClient connect(Process bridge) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the bridge process's first line").startsWith("Listening on ");
        return Junction.client().timeout(Duration.ofSeconds(60)).connect(line.substring("Listening on ".length()));
    }

    private Process startBridge(String to, Path journal, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BridgeProcess.class.getName(),
                        "tcp://127.0.0.1:0",
                        to,
                        journal.toString())
                .redirectError(tmp.resolve(name + ".err").toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }
}
