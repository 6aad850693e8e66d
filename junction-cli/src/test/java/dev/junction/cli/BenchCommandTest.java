package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.cli.Cli.Result;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code junction bench} against a real {@code junction serve} on a tcp:// port 0 in this JVM: the
 * shape of its summaries, every call counted and none failed, the exit status of a failing method,
 * of an unreachable server and of bad options. Runs of about one second; no figure is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BenchCommandTest {
    private Cli.Server server;

    @BeforeAll
    void startServer() {
        server = Cli.Server.start("tcp://127.0.0.1:0", "--quiet");
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        assertThat(server.stop()).isZero();
    }

    @Test
    void json_summary_has_every_figure_and_counts_calls_without_errors() throws Exception {
        Result r = Cli.run(
                "bench",
                server.uri(),
                "--json",
                "--warmup",
                "200ms",
                "--duration",
                "1s",
                "--concurrency",
                "8",
                "--connections",
                "2");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode summary = Json.MAPPER.readTree(r.out());
        assertThat(summary.get("uri").asText()).isEqualTo(server.uri());
        assertThat(summary.get("method").asText()).isEqualTo("echo");
        assertThat(summary.get("connections").asInt()).isEqualTo(2);
        assertThat(summary.get("concurrency").asInt()).isEqualTo(8);
        assertThat(summary.get("warmupSeconds").asDouble()).isEqualTo(0.2);
        assertThat(summary.get("durationSeconds").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(summary.get("calls").asLong()).isPositive();
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(summary.get("callsPerSecond").asDouble()).isPositive();
        JsonNode latency = summary.get("latencyMicros");
        assertThat(List.of(latency.fieldNames().next())).containsExactly("p50");
        assertThat(latency.properties().stream().map(e -> e.getKey()))
                .containsExactly("p50", "p90", "p99", "p99.9", "max");
        double previous = 0;
        for (String p : List.of("p50", "p90", "p99", "p99.9", "max")) {
            assertThat(latency.get(p).asDouble()).as(p).isPositive().isGreaterThanOrEqualTo(previous);
            previous = latency.get(p).asDouble();
        }
    }

    @Test
    void text_summary_names_the_run_and_prints_the_percentiles() {
        Result r = Cli.run(
                "bench",
                server.uri(),
                "--method",
                "subtract",
                "--params",
                "[42, 23]",
                "--warmup",
                "0s",
                "--duration",
                "1s");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0))
                .isEqualTo(server.uri() + " subtract: 1 connection(s), 1 call(s) in flight, 0 s warm-up, 1 s measured");
        assertThat(lines.get(1)).matches("calls +[1-9][0-9]* \\([0-9.]+/s\\)");
        assertThat(lines.get(2)).isEqualTo("errors     0");
        assertThat(lines.get(3))
                .matches("latency µs  p50 [0-9.]+  p90 [0-9.]+  p99 [0-9.]+  p99\\.9 [0-9.]+  max [0-9.]+");
    }

    @Test
    void a_method_that_fails_every_time_exits_1_with_the_first_error() {
        Result r = Cli.run(
                "bench", server.uri(), "--method", "no_such_method", "--warmup", "0s", "--duration", "500ms", "--json");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(r.err())
                .matches(
                        "(?s)[1-9][0-9]* of [1-9][0-9]* calls failed; the first: error -32601: Method not found: no_such_method\\R");
        assertThat(r.out()).contains("\"calls\":0");
    }

    @Test
    void an_unreachable_server_exits_2_with_the_reason() {
        String refused = "tcp://127.0.0.1:" + Cli.freePort();
        Result r = Cli.run("bench", refused, "--duration", "1s");
        assertThat(r.exit()).isEqualTo(ExitCodes.TRANSPORT);
        assertThat(r.err()).isEqualTo("cannot connect to " + refused + ": connection refused" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fewer_calls_in_flight_than_connections_is_a_usage_error() {
        Result r = Cli.run("bench", server.uri(), "--concurrency", "2", "--connections", "3");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .startsWith("--concurrency (2) must be at least --connections (3): every connection needs a call");
    }

    @Test
    void bad_options_exit_64() {
        assertThat(Cli.run("bench", server.uri(), "--connections", "0").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("bench", server.uri(), "--duration", "0s").err())
                .startsWith("the measured time must be more than zero: PT0S");
        assertThat(Cli.run("bench", server.uri(), "--duration", "soon").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("bench", server.uri(), "--concurrency", "many").exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("bench", server.uri(), "--params", "42").err()).contains("params must be a JSON array");
        assertThat(Cli.run("bench", "tcp://", "--duration", "1s").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("bench").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
