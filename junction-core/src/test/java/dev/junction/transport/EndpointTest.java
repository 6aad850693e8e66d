package dev.junction.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesSchemeHostPortPathAndOptions() {
        Endpoint e = Endpoint.parse("tcp://127.0.0.1:4000/rpc?framing=netstring&codec=json");
        assertThat(e.scheme()).isEqualTo("tcp");
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(4000);
        assertThat(e.path()).isEqualTo("/rpc");
        assertThat(e.options())
                .containsExactly(java.util.Map.entry("framing", "netstring"), java.util.Map.entry("codec", "json"));
        assertThat(Endpoint.parse(e.toString())).isEqualTo(e);
    }

    @Test
    void parsesWildcardIpv6AndMemNames() {
        assertThat(Endpoint.parse("zmq-router://*:5555").host()).isEqualTo("*");
        Endpoint v6 = Endpoint.parse("ws://[::1]:8080/rpc");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.port()).isEqualTo(8080);
        assertThat(v6.toString()).isEqualTo("ws://[::1]:8080/rpc");
        Endpoint mem = Endpoint.parse("mem://calculator");
        assertThat(mem.host()).isEqualTo("calculator");
        assertThat(mem.port()).isEqualTo(-1);
        assertThat(mem.port(7)).isEqualTo(7);
    }

    @Test
    void decodesOptionValuesAndKeepsFlagsWithoutValues() {
        Endpoint e = Endpoint.parse("tcp://h:1?terminator=0x04&name=a%20b&tcpNoDelay");
        assertThat(e.option("name")).isEqualTo("a b");
        assertThat(e.option("tcpNoDelay")).isEqualTo("true");
        assertThat(e.option("missing", "dflt")).isEqualTo("dflt");
        assertThat(e.withPort(9).port()).isEqualTo(9);
        assertThat(e.withOption("x", "y").option("x")).isEqualTo("y");
    }

    @Test
    void refusesWhatIsNotAnEndpoint() {
        assertThatThrownBy(() -> Endpoint.parse("127.0.0.1:4000")).hasMessageContaining("scheme://");
        assertThatThrownBy(() -> Endpoint.parse("tcp://h:99999")).hasMessageContaining("Bad port");
        assertThatThrownBy(() -> Endpoint.parse("tcp://h:x")).hasMessageContaining("Bad port");
        assertThatThrownBy(() -> Endpoint.parse("tcp://h:1?a=1&a=2")).hasMessageContaining("given twice");
    }

    @Test
    void readsDurationOptionsInEveryUnit() {
        Endpoint e = Endpoint.parse("tcp://h:1?a=500ms&b=30s&c=2m&d=1h&e=250&bad=5x&neg=-3s");
        assertThat(e.durationOption("a", null)).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(e.durationOption("b", null)).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(e.durationOption("c", null)).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(e.durationOption("d", null)).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(e.durationOption("e", null)).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(e.durationOption("missing", java.time.Duration.ZERO)).isEqualTo(java.time.Duration.ZERO);
        assertThatThrownBy(() -> e.durationOption("bad", null)).hasMessageContaining("option bad");
        assertThatThrownBy(() -> e.durationOption("neg", null)).hasMessageContaining("option neg");
    }
}
