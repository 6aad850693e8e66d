package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import org.junit.jupiter.api.Test;

/**
 * Serve, call and notify over {@code http://}. An HTTP request carries exactly one answer, so the
 * server cannot call or notify the client: {@code callback} fails at once (an internal error on the
 * server, not a call that waits for its deadline) and {@code subscribe} pushes nothing.
 */
class HttpServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {"http://127.0.0.1:0/rpc"};
    }

    @Override
    String refusedUri() {
        return "http://127.0.0.1:" + Cli.freePort() + "/rpc";
    }

    @Override
    @Test
    void subscribe_with_notifications_prints_the_answer_and_every_pushed_event_in_order() {
        Result r = call("--notifications", "--wait", "300ms", "URI", "subscribe", "[\"news\", 3, 20]");
        assertThat(r.out().lines()).containsExactly("{\"subscribed\":\"news\",\"count\":3}");
        assertThat(r.exit()).isZero();
    }

    @Override
    @Test
    void subscribe_with_notifications_stops_after_a_quiet_wait_when_no_maximum_is_given() {
        Result r = call("--notifications", "--wait", "300ms", "URI", "subscribe", "{\"topic\": \"t\", \"count\": 2}");
        assertThat(r.out().lines()).containsExactly("{\"subscribed\":\"t\",\"count\":2}");
        assertThat(r.exit()).isZero();
    }

    @Override
    @Test
    void callback_calls_the_client_which_answers_client_echo() {
        Result r = call("--timeout", "20s", "URI", "callback", "[\"client.echo\", [1]]");
        assertThat(r.err()).startsWith("error -32603: Internal error");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Override
    @Test
    void callback_of_a_method_the_client_lacks_returns_the_client_s_error() {
        Result r = call("--timeout", "20s", "URI", "callback", "{\"method\": \"client.nope\"}");
        assertThat(r.err()).startsWith("error -32603: Internal error");
        assertThat(r.exit()).isEqualTo(1);
    }
}
