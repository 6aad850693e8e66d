package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.transport.Endpoint;
import org.junit.jupiter.api.Test;

/** Serve, call and notify over {@code tcp://} with the default newline framing, on a port picked at bind time. */
class TcpServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {"tcp://127.0.0.1:0"};
    }

    @Override
    String refusedUri() {
        return "tcp://127.0.0.1:" + Cli.freePort();
    }

    @Test
    void serve_prints_the_real_port_it_bound() {
        Endpoint bound = Endpoint.parse(server.uri());
        assertThat(bound.scheme()).isEqualTo("tcp");
        assertThat(bound.host()).isEqualTo("127.0.0.1");
        assertThat(bound.port()).isPositive();
    }

    @Test
    void a_call_with_another_framing_than_the_server_s_gets_no_answer_and_times_out_or_fails() {
        Cli.Result r = call("--framing", "netstring", "--timeout", "500ms", "URI", "get_data");
        assertThat(r.exit()).isIn(ExitCodes.TRANSPORT, ExitCodes.TIMEOUT);
        assertThat(r.out()).isEmpty();
    }
}
