package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NettyOptionsTest {
    @Test
    void durationsTakeAUnitOrAreMilliseconds() {
        assertThat(NettyOptions.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(NettyOptions.parseDuration("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(NettyOptions.parseDuration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(NettyOptions.parseDuration("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(NettyOptions.parseDuration("x", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(NettyOptions.parseDuration("x", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void badDurationNamesTheOption() {
        assertThatThrownBy(() -> NettyOptions.parseDuration("frameTimeout", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frameTimeout")
                .hasMessageContaining("soon");
    }

    @Test
    void badOptionValuesFailTheListenNamingTheOption() {
        assertThatThrownBy(() -> Junction.server()
                        .method("x", (c, p) -> null)
                        .listen("tcp://127.0.0.1:0?maxConnections=many")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> Junction.server()
                        .method("x", (c, p) -> null)
                        .listen("tcp://127.0.0.1:0?idleTimeout=-5s")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> Junction.connect("tls://127.0.0.1:1?tlsProvider=gnutls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tlsProvider");
    }

    @Test
    void builderTransportOptionsApplyAndTheUriWins() {
        try (var server = Junction.server()
                .method("echo", String.class, s -> s)
                .transportOption(NettyOptions.MAX_CONNECTIONS, 0)
                .listen("tcp://127.0.0.1:0?maxConnections=5")
                .start()) {
            assertThat(server.endpoints().get(0).port()).isPositive();
        }
        assertThatThrownBy(() -> Junction.server()
                        .method("x", (c, p) -> null)
                        .transportOption(NettyOptions.MAX_CONNECTIONS, 0)
                        .listen("tcp://127.0.0.1:0")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
    }
}
