package dev.junction.bench.sbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The side-by-side runner's quick smoke configuration: two systems (Junction over tcp:// and raw
 * Netty echo), W1, about a second each, servers in JVMs of their own. Asserts the table and the
 * counts, never a figure.
 */
class SideBySideTest {
    @Test
    void two_systems_on_w1_give_a_row_each_and_their_ratio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SideBySide runner = new SideBySide()
                .streams(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(runner)
                .execute(
                        "--systems",
                        "junction-tcp,netty-echo",
                        "--workloads",
                        "W1",
                        "--warmup",
                        "0.5",
                        "--measure",
                        "1",
                        "--reps",
                        "1");
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(runner.measurements()).hasSize(2).allSatisfy(m -> {
            assertThat(m.calls()).isPositive();
            assertThat(m.errors()).isZero();
            assertThat(m.clientCpuNanos()).isPositive();
            assertThat(m.serverCpuNanos()).isPositive();
        });
        assertThat(table)
                .contains("### W1: one connection, sequential echo(\"hello\")")
                .contains(
                        "| system | calls/s | p50 µs | p99 µs | CPU µs/call (client+server) | thread sleeps/call | errors | others' CPU |")
                .containsPattern(
                        "\\| junction-tcp \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| 0 \\|")
                .containsPattern("\\| netty-echo \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| 0 \\|")
                .contains("| | netty-echo |")
                .containsPattern("\\| junction-tcp \\| [0-9.]+× \\|");
        assertThat(table).doesNotContain("W2");
    }

    @Test
    void idle_mode_reports_the_server_heap_before_and_with_the_connections() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SideBySide runner = new SideBySide()
                .streams(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(runner).execute("--idle", "50");
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches(
                        "Idle connections: 50 to junction-tcp; server heap used after GC: [0-9.]+ MiB before, [0-9.]+ MiB"
                                + " with them, -?[0-9]+ bytes per connection\\R");
    }

    @Test
    void an_unknown_system_is_a_usage_error_naming_the_known_ones() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = new CommandLine(new SideBySide());
        cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cmd.execute("--systems", "junction-carrier-pigeon");
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "unknown system 'junction-carrier-pigeon'; known: junction-tcp, junction-tcp-direct, junction-tcp-blocking, junction-tls");
    }
}
