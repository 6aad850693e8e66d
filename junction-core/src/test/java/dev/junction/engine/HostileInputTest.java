package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.framing.Framings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bad input on a real socket: each gets the specification's error (or a clean close), the server
 * stays up, and a valid call right after still works.
 */
class HostileInputTest {
    private static final String VALID = "{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":7}";
    private static final Limits LIMITS =
            Limits.builder().maxFrameBytes(64 * 1024).build();

    private static JsonNode answerTo(byte[] frame) throws Exception {
        try (SocketPeerServer server = new SocketPeerServer(Framings.newline(), LIMITS, new SpecMethods().services());
                RawClient client = new RawClient(server.address(), Framings.newline())) {
            client.writeRaw(frame);
            JsonNode answer = SpecVectors.MAPPER.readTree(client.readFrame());
            client.writeFrame(VALID);
            assertThat(SpecVectors.MAPPER
                            .readTree(client.readFrame())
                            .path("id")
                            .asInt())
                    .as("the connection still serves a valid call")
                    .isEqualTo(7);
            return answer;
        }
    }

    private static byte[] line(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJsonGetsParseError() throws Exception {
        JsonNode answer = answerTo(line("{\"jsonrpc\":\"2.0\",\"method\":"));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCodes.PARSE_ERROR);
        assertThat(answer.get("id").isNull()).isTrue();
    }

    @Test
    void truncatedRequestGetsParseError() throws Exception {
        JsonNode answer = answerTo(line(VALID.substring(0, VALID.length() - 5)));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCodes.PARSE_ERROR);
    }

    @Test
    void oversizeFrameIsRefusedWithInvalidRequestNamingTheLimit() throws Exception {
        String big =
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(100 * 1024) + "\"],\"id\":1}";
        JsonNode answer = answerTo(line(big));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(answer.path("error").path("message").asText()).contains("Limits.maxFrameBytes");
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() throws Exception {
        String deep = "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":" + "[".repeat(10_000) + "]".repeat(10_000)
                + ",\"id\":1}";
        JsonNode answer = answerTo(line(deep));
        assertThat(answer.path("error").path("code").asInt()).isIn(ErrorCodes.INVALID_REQUEST, ErrorCodes.PARSE_ERROR);
        assertThat(answer.path("error").path("message").asText()).contains("Limits.maxNestingDepth");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        JsonNode answer = answerTo(line("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":1,\"id\":2}"));
        assertThat(answer.path("error").path("code").asInt()).isIn(ErrorCodes.INVALID_REQUEST, ErrorCodes.PARSE_ERROR);
    }

    @Test
    void nonUtf8InputGetsParseError() throws Exception {
        byte[] latin1 =
                "{\"jsonrpc\":\"2.0\",\"method\":\"caf\u00e9\",\"id\":1}\n".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode answer = answerTo(latin1);
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(ErrorCodes.PARSE_ERROR);
    }

    @Test
    void aFatalFramingErrorClosesTheConnectionCleanly() throws Exception {
        try (SocketPeerServer server =
                        new SocketPeerServer(Framings.netstring(), LIMITS, new SpecMethods().services());
                RawClient client = new RawClient(server.address(), Framings.netstring())) {
            client.writeRaw("x:{},".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readFrame()).as("end of stream").isNull();
            org.awaitility.Awaitility.await()
                    .until(() -> server.peers().stream().noneMatch(p -> p.isOpen()));
        }
    }
}
