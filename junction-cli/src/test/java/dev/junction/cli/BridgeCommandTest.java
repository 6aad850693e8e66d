package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code junction bridge}: forwarding between endpoints, buffering, and its usage errors. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BridgeCommandTest {
    @TempDir
    Path tmp;

    /** {@code junction bridge ARGS} on a background thread. */
    private static final class Running implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final BridgeCommand bridge;
        final Thread thread;
        volatile int exit = -1;

        Running(String... args) {
            CommandLine cmd = JunctionCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            bridge = (BridgeCommand) cmd.getSubcommands().get("bridge").getCommand();
            List<String> all = new ArrayList<>(List.of("bridge"));
            all.addAll(List.of(args));
            thread = new Thread(() -> exit = cmd.execute(all.toArray(String[]::new)), "bridge-under-test");
            thread.setDaemon(true);
            thread.start();
            Awaitility.await("bridge listening")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> out.toString().startsWith("Listening on ") || !thread.isAlive());
            assertThat(out.toString()).as("stderr: %s", err).startsWith("Listening on ");
        }

        String uri() {
            return out.toString().trim().substring("Listening on ".length());
        }

        int stop() throws InterruptedException {
            bridge.stop();
            thread.join(10_000);
            return exit;
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }

    @Test
    void a_bridge_forwards_calls_and_errors_and_reports_its_counters_when_stopped() throws Exception {
        try (Cli.Server server = Cli.Server.start("--quiet", Cli.memUri());
                Running bridge = new Running("tcp://127.0.0.1:0", server.uri())) {
            assertThat(Cli.run("call", bridge.uri(), "sum", "[1, 2, 4]").out()).isEqualTo("7" + System.lineSeparator());
            Result failed = Cli.run("call", bridge.uri(), "fail", "[-32050, \"through the bridge\"]");
            assertThat(failed.err()).startsWith("error -32050: through the bridge");
            assertThat(failed.exit()).isEqualTo(ExitCodes.ERROR_ANSWER);
            assertThat(bridge.stop()).isZero();
            assertThat(bridge.err.toString())
                    .contains("Bridging to " + server.uri())
                    .contains("Stopped: forwarded 2, queued 0, dropped 0, rejected 0, failed 0, retried 0");
        }
    }

    @Test
    void a_buffered_bridge_holds_a_call_until_the_downstream_comes_up() throws Exception {
        String down = Cli.memUri();
        try (Running bridge = new Running("--buffer", "10", "--retry", "50ms", Cli.memUri(), down)) {
            java.util.concurrent.CompletableFuture<Result> call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Cli.run("call", "--timeout", "30s", bridge.uri(), "sum", "[20, 22]"));
            Thread.sleep(300); // the call waits in the bridge's queue meanwhile
            try (Cli.Server server = Cli.Server.start("--quiet", down)) {
                assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS).out())
                        .isEqualTo("42" + System.lineSeparator());
            }
        }
    }

    @Test
    void an_unknown_overflow_policy_is_a_usage_error() {
        Result r = Cli.run("bridge", "--buffer", "5", "--overflow", "drop-middle", Cli.memUri(), Cli.memUri());
        assertThat(r.err()).contains("Unknown overflow policy 'drop-middle': use drop-oldest, drop-newest or reject");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_buffer_below_one_is_a_usage_error() {
        Result r = Cli.run("bridge", "--buffer", "0", Cli.memUri(), Cli.memUri());
        assertThat(r.err()).contains("--buffer must be at least 1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_missing_destination_is_a_usage_error() {
        Result r = Cli.run("bridge", Cli.memUri());
        assertThat(r.err()).contains("Missing required parameter: 'TO_URI'");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_journal_that_cannot_be_opened_is_reported_by_name() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("j"));
        Files.writeString(dir.resolve("bridge.mv.db"), "not a journal ".repeat(500));
        Result r = Cli.run("bridge", "--journal", dir.toString(), Cli.memUri(), Cli.memUri());
        assertThat(r.err())
                .startsWith("junction bridge: Cannot open the bridge journal " + dir.resolve("bridge.mv.db"));
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void an_endpoint_in_use_exits_2() throws Exception {
        try (Cli.Server first = Cli.Server.start("--quiet", Cli.memUri())) {
            Result r = Cli.run("bridge", first.uri(), Cli.memUri());
            assertThat(r.err()).startsWith("junction bridge: cannot listen: ");
            assertThat(r.exit()).isEqualTo(ExitCodes.TRANSPORT);
        }
    }
}
