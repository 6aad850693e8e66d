package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Limits;
import dev.junction.framing.Framings;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ids come back through a real server exactly as they were sent: numbers byte for byte (no
 * rounding beyond 2^53 or 2^63, no reformatting of fractions or exponents), strings as the same
 * value (escapes may be written differently).
 */
class IdEchoTest {
    static Stream<String> ids() {
        return Stream.of(
                "1",
                "9007199254740993", // 2^53 + 1
                "9223372036854775808", // 2^63
                "18446744073709551616", // 2^64
                "-12345678901234567890123",
                "1.5",
                "1.50",
                "-0",
                "1e3",
                "2.5E-7",
                "\"abc\"",
                "\"\"",
                "\"" + "x".repeat(100_000) + "\"",
                "\"quote \\\" and unicode \\u00e9 \u6f22\"",
                "null");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void idComesBackExactlyAsSent(String id) throws Exception {
        try (SocketPeerServer server =
                        new SocketPeerServer(Framings.newline(), Limits.defaults(), new SpecMethods().services());
                RawClient client = new RawClient(server.address(), Framings.newline())) {
            client.writeFrame("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":" + id + "}");
            String answer = client.readFrame();
            assertThat(SpecVectors.MAPPER.readTree(answer).get("id")).isEqualTo(SpecVectors.MAPPER.readTree(id));
            if (!id.startsWith("\"")) {
                assertThat(answer).endsWith(",\"id\":" + id + "}");
            }
        }
    }
}
