package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The life of {@code junction serve}: endpoints, logging, graceful stop, bind failures. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServeCommandTest {
    @Test
    void serve_prints_every_endpoint_it_listens_on_and_answers_on_each() throws Exception {
        String a = Cli.memUri();
        String b = Cli.memUri();
        try (Cli.Server server = Cli.Server.start(2, a, b)) {
            assertThat(server.endpoints()).containsExactly(a, b);
            assertThat(Cli.run("call", a, "sum", "[1, 2]").out()).isEqualTo("3" + System.lineSeparator());
            assertThat(Cli.run("call", b, "sum", "[3, 4]").out()).isEqualTo("7" + System.lineSeparator());
        }
    }

    @Test
    void serve_logs_connections_opening_and_closing() throws Exception {
        try (Cli.Server server = Cli.Server.start(Cli.memUri())) {
            assertThat(Cli.run("call", server.uri(), "get_data").exit()).isZero();
            server.awaitLog("disconnected");
            assertThat(server.err()).contains(" connected").contains(" disconnected");
        }
    }

    @Test
    void serve_quiet_logs_nothing() throws Exception {
        try (Cli.Server server = Cli.Server.start("--quiet", Cli.memUri())) {
            assertThat(Cli.run("call", server.uri(), "get_data").exit()).isZero();
            assertThat(server.stop()).isZero();
            assertThat(server.err()).doesNotContain("get_data").doesNotContain("connected");
        }
    }

    @Test
    void stopping_lets_a_request_being_served_finish_within_the_grace_period() throws Exception {
        Cli.Server server = Cli.Server.start("--grace", "5s", Cli.memUri());
        CompletableFuture<Result> slow =
                CompletableFuture.supplyAsync(() -> Cli.run("call", server.uri(), "sleep", "[400]"));
        server.awaitLog("request 1 sleep [400]");
        assertThat(server.stop()).isZero();
        Result r = slow.join();
        assertThat(r.out()).isEqualTo("400" + System.lineSeparator());
        assertThat(r.exit()).isZero();
        assertThat(server.err())
                .containsSubsequence(
                        "request 1 sleep [400]", "Shutting down (grace 5 s)", "answer 1 sleep result 400", "Stopped");
    }

    @Test
    void a_stopped_server_refuses_new_connections() throws Exception {
        Cli.Server server = Cli.Server.start(Cli.memUri());
        String uri = server.uri();
        assertThat(server.stop()).isZero();
        assertThat(Cli.run("call", uri, "get_data").exit()).isEqualTo(ExitCodes.TRANSPORT);
    }

    @Test
    void an_endpoint_already_in_use_exits_2_with_the_reason() throws Exception {
        try (Cli.Server first = Cli.Server.start(Cli.memUri())) {
            Result r = Cli.run("serve", first.uri());
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("junction serve: cannot listen: ").contains("address already in use");
            assertThat(r.exit()).isEqualTo(ExitCodes.TRANSPORT);
        }
    }

    @Test
    void a_malformed_uri_is_a_usage_error() {
        Result r = Cli.run("serve", "not-a-uri");
        assertThat(r.err()).contains("Not an endpoint URI").contains("Usage: junction serve");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void an_unknown_scheme_names_what_is_missing_and_is_a_usage_error() {
        Result r = Cli.run("serve", "nosuch://x");
        assertThat(r.err()).contains("nosuch");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void max_concurrent_below_one_is_a_usage_error() {
        Result r = Cli.run("serve", "--max-concurrent", "0", Cli.memUri());
        assertThat(r.err()).contains("--max-concurrent must be at least 1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void ordered_serving_answers_requests_one_at_a_time() throws Exception {
        try (Cli.Server server = Cli.Server.start("--ordered", "--max-concurrent", "4", Cli.memUri())) {
            assertThat(Cli.run("call", server.uri(), "sleep", "[10]").out()).isEqualTo("10" + System.lineSeparator());
        }
    }

    @Test
    void expose_errors_puts_an_unexpected_failure_s_details_in_the_error_data() throws Exception {
        try (Cli.Server plain = Cli.Server.start(Cli.memUri());
                Cli.Server exposing = Cli.Server.start("--expose-errors", Cli.memUri())) {
            // sum([1, null]) fails inside the handler with a NullPointerException: unexpected, so -32603
            Result hidden = Cli.run("call", plain.uri(), "sum", "[1, null]");
            Result exposed = Cli.run("call", exposing.uri(), "sum", "[1, null]");
            assertThat(hidden.err()).startsWith("error -32603:").doesNotContain("NullPointerException");
            assertThat(exposed.err()).startsWith("error -32603:").contains("NullPointerException");
            assertThat(exposed.exit()).isEqualTo(1);
        }
    }
}
