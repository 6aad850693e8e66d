package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code junction call} and {@code notify} against one {@code junction serve} running in this JVM,
 * on the transport a subclass chooses: every demo method, every way a call ends, every exit status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class AbstractServeAndCallTest {
    Cli.Server server;

    /** The arguments of {@code serve}: one endpoint URI and options. */
    abstract String[] serveArgs();

    /** A URI on which nothing listens, in the same scheme. */
    abstract String refusedUri();

    /** The URI clients use (default: the one serve printed). */
    String clientUri() {
        return server.uri();
    }

    /** Extra options every call passes (framing, TLS). */
    String[] callOptions() {
        return new String[0];
    }

    @BeforeAll
    void startServer() {
        server = Cli.Server.start(serveArgs());
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        assertThat(server.stop()).isZero();
    }

    Result call(String... args) {
        return command("call", args);
    }

    Result command(String name, String... args) {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(List.of(callOptions()));
        for (String arg : args) {
            all.add(arg.equals("URI") ? clientUri() : arg);
        }
        return Cli.run(all.toArray(String[]::new));
    }

    static void assertResult(Result r, String json) {
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(json + System.lineSeparator());
        assertThat(r.exit()).isZero();
    }

    @Test
    void echo_returns_positional_params_exactly_as_received() {
        assertResult(
                call("URI", "echo", "[1, \"a\", null, {\"b\": [true, 1.25]}]"), "[1,\"a\",null,{\"b\":[true,1.25]}]");
    }

    @Test
    void echo_returns_named_params_as_an_object() {
        assertResult(call("URI", "echo", "{\"x\": 1, \"y\": \"z\"}"), "{\"x\":1,\"y\":\"z\"}");
    }

    @Test
    void echo_without_params_prints_null() {
        assertResult(call("URI", "echo"), "null");
    }

    @Test
    void subtract_takes_positional_params() {
        assertResult(call("URI", "subtract", "[42, 23]"), "19");
        assertResult(call("URI", "subtract", "[23, 42]"), "-19");
    }

    @Test
    void subtract_takes_named_params_in_any_order() {
        assertResult(call("URI", "subtract", "{\"subtrahend\": 23, \"minuend\": 42}"), "19");
    }

    @Test
    void subtract_is_exact_with_decimals() {
        assertResult(call("URI", "subtract", "[0.3, 0.1]"), "0.2");
    }

    @Test
    void sum_adds_every_number_and_no_numbers_to_zero() {
        assertResult(call("URI", "sum", "[1, 2, 4]"), "7");
        assertResult(call("URI", "sum"), "0");
    }

    @Test
    void get_data_answers_the_specification_example() {
        assertResult(call("URI", "get_data"), "[\"hello\",5]");
    }

    @Test
    void the_specification_notification_targets_answer_when_called() {
        assertResult(call("URI", "notify_sum", "[1, 2, 4]"), "7");
        assertResult(call("URI", "update", "[1, 2, 3, 4, 5]"), "null");
        assertResult(call("URI", "notify_hello", "[7]"), "null");
    }

    @Test
    void sleep_answers_its_argument_after_that_many_milliseconds() {
        long start = System.nanoTime();
        assertResult(call("URI", "sleep", "[150]"), "150");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void pretty_prints_the_result_over_several_lines() {
        Result r = call("--pretty", "URI", "echo", "{\"a\": [1, 2]}");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("{" + System.lineSeparator()).contains("  \"a\" : [ 1, 2 ]");
    }

    @Test
    void an_error_answer_goes_to_stderr_with_its_code_message_and_data_and_exits_1() {
        Result r = call("URI", "fail", "[-32001, \"boom\", {\"why\": \"asked to\"}]");
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error -32001: boom" + System.lineSeparator() + "{\"why\":\"asked to\"}"
                        + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR_ANSWER);
    }

    @Test
    void fail_with_named_params_and_no_data_prints_only_the_error_line() {
        Result r = call("URI", "fail", "{\"code\": 4, \"message\": \"four\"}");
        assertThat(r.err()).isEqualTo("error 4: four" + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void an_unknown_method_is_an_error_answer() {
        Result r = call("URI", "no_such_method");
        assertThat(r.err()).startsWith("error -32601: Method not found");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void params_of_the_wrong_type_are_an_invalid_params_answer() {
        Result r = call("URI", "subtract", "[\"a\", 1]");
        assertThat(r.err()).startsWith("error -32602:").contains("minuend");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void a_call_not_answered_in_time_exits_3() {
        Result r = call("--timeout", "200ms", "URI", "sleep", "[3000]");
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("timed out: sleep on " + clientUri())
                .endsWith(" was not answered within 200 ms" + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(ExitCodes.TIMEOUT);
    }

    @Test
    void a_refused_connection_says_where_and_exits_2() {
        String uri = refusedUri();
        Result r = command("call", uri, "echo", "[1]");
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("cannot connect to " + uri)
                .endsWith(": connection refused" + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(ExitCodes.TRANSPORT);
    }

    @Test
    void a_notification_reaches_the_server_and_prints_nothing() {
        Result r = command("notify", "URI", "update", "[\"notified\", 8128]");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        server.awaitLog("notification update [\"notified\",8128]");
    }

    @Test
    void a_notification_to_nobody_exits_2() {
        String uri = refusedUri();
        Result r = command("notify", uri, "update");
        assertThat(r.err())
                .startsWith("cannot connect to " + uri)
                .endsWith(": connection refused" + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void subscribe_with_notifications_prints_the_answer_and_every_pushed_event_in_order() {
        Result r = call(
                "--notifications", "--wait", "2s", "--max-notifications", "3", "URI", "subscribe", "[\"news\", 3, 20]");
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines())
                .containsExactly(
                        "{\"subscribed\":\"news\",\"count\":3}",
                        "{\"method\":\"event\",\"params\":{\"topic\":\"news\",\"seq\":1}}",
                        "{\"method\":\"event\",\"params\":{\"topic\":\"news\",\"seq\":2}}",
                        "{\"method\":\"event\",\"params\":{\"topic\":\"news\",\"seq\":3}}");
        assertThat(r.exit()).isZero();
    }

    @Test
    void subscribe_with_notifications_stops_after_a_quiet_wait_when_no_maximum_is_given() {
        Result r = call(
                "--notifications",
                "--wait",
                "500ms",
                "URI",
                "subscribe",
                "{\"topic\": \"t\", \"count\": 2, \"intervalMs\": 10}");
        assertThat(r.out().lines()).hasSize(3).last().asString().contains("\"seq\":2");
        assertThat(r.exit()).isZero();
    }

    @Test
    void subscribe_without_notifications_prints_only_the_answer() {
        Result r = call("URI", "subscribe", "[\"quiet\", 2, 0]");
        assertResult(r, "{\"subscribed\":\"quiet\",\"count\":2}");
    }

    @Test
    void callback_calls_the_client_which_answers_client_echo() {
        assertResult(call("URI", "callback", "[\"client.echo\", [1, {\"two\": 2}]]"), "[1,{\"two\":2}]");
        server.awaitLog("push request");
    }

    @Test
    void callback_of_a_method_the_client_lacks_returns_the_client_s_error() {
        Result r = call("URI", "callback", "{\"method\": \"client.nope\"}");
        assertThat(r.err()).startsWith("error -32601: Method not found");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void serve_logs_each_request_with_its_params_and_each_answer_with_outcome_and_time() {
        Result r = call("URI", "subtract", "[1000042, 23]");
        assertThat(r.exit()).isZero();
        server.awaitLog("subtract [1000042,23]");
        assertThat(server.err()).containsPattern("request \\d+ subtract \\[1000042,23\\]");
        assertThat(server.err()).containsPattern("answer \\d+ subtract result 1000019 \\(\\d+\\.\\d ms\\)");
        Result e = call("URI", "fail", "[-32099, \"logged failure\"]");
        assertThat(e.exit()).isEqualTo(1);
        server.awaitLog("logged failure");
        assertThat(server.err()).containsPattern("answer \\d+ fail error -32099 logged failure \\(\\d+\\.\\d ms\\)");
    }

    @Test
    void serve_cuts_long_params_in_its_log() {
        String big = "x".repeat(1000);
        assertThat(call("URI", "echo", "[\"" + big + "\"]").exit()).isZero();
        server.awaitLog("echo [\"xxxx");
        String line = server.err()
                .lines()
                .filter(l -> l.contains("request") && l.contains("echo [\"xxx"))
                .findFirst()
                .orElseThrow();
        assertThat(line).endsWith("...").doesNotContain(big);
        assertThat(line.length()).isLessThan(300);
    }
}
