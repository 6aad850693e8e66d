package dev.junction.interop;

import static dev.junction.interop.WebSocketPythonClientsInteropTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Debian's python3-aiohttp (3.8.4) HTTP client ({@code peers/http_client_peer.py}) against
 * Junction's http:// server, over one keep-alive session: POST of one request (both JSON content
 * types), of a batch, of a notification and an all-notification batch (204, empty body), a GET
 * (405 with Allow and a JSON-RPC error body), a wrong content type (415 with its body), and
 * malformed JSON (-32700).
 */
class HttpPythonAiohttpInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aiohttpPostsToJunctionsHttpServer() throws Exception {
        WebPeers.requirePython();
        try (WebInteropServer server = new WebInteropServer("http://127.0.0.1:0/rpc");
                PeerProcess peer = PeerProcess.start(
                        "python3-aiohttp http",
                        Peers.moduleDir(),
                        List.of(
                                Peers.PYTHON,
                                Peers.script("http_client_peer.py").toString(),
                                "http://127.0.0.1:" + server.port() + "/rpc"))) {
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT);
            String context = peer.describe();

            assertExchange(out, "single", 200, "{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}", context);
            assertExchange(out, "named", 200, "{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":\"n-1\"}", context);
            assertExchange(
                    out, "bigId", 200, "{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":9223372036854775807}", context);
            JsonNode batch = exchange(out, "batch", context);
            assertThat(batch.get("status").intValue()).isEqualTo(200);
            assertThat(json(batch.get("body").asText()))
                    .as("the batch's answers, without the notification's%s", context)
                    .containsExactlyInAnyOrder( // a batch's answers may come in any order (spec, section 6)
                            json("{\"jsonrpc\": \"2.0\", \"result\": 5, \"id\": 20}"),
                            json("{\"jsonrpc\": \"2.0\", \"result\": \"Hello Ada (36)\", \"id\": 21}"));
            assertThat(server.nextNote()).isEqualTo("in an http batch");

            JsonNode notification = exchange(out, "notification", context);
            assertThat(notification.get("status").intValue()).isEqualTo(204);
            assertThat(notification.get("body").asText()).isEmpty();
            assertThat(server.nextNote()).isEqualTo("over http");
            JsonNode notificationBatch = exchange(out, "notificationBatch", context);
            assertThat(notificationBatch.get("status").intValue()).isEqualTo(204);
            assertThat(notificationBatch.get("body").asText()).isEmpty();
            assertThat(server.nextNote()).isEqualTo("batched");

            JsonNode get = exchange(out, "get", context);
            assertThat(get.get("status").intValue()).isEqualTo(405);
            assertThat(get.get("allow").asText()).isEqualTo("POST, OPTIONS");
            assertThat(get.get("body").asText())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                            + "\"message\":\"Method not allowed: send JSON-RPC with POST\"},\"id\":null}");

            JsonNode wrongType = exchange(out, "wrongType", context);
            assertThat(wrongType.get("status").intValue()).isEqualTo(415);
            assertThat(wrongType.get("body").asText())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                            + "\"message\":\"Unsupported media type: send application/json\"},\"id\":null}");

            JsonNode malformed = exchange(out, "malformed", context);
            assertThat(malformed.get("status").intValue()).isEqualTo(200);
            assertThat(json(malformed.get("body").asText())
                            .get("error")
                            .get("code")
                            .intValue())
                    .isEqualTo(-32700);
        }
    }

    private static JsonNode exchange(List<JsonNode> out, String name, String context) {
        return out.stream()
                .filter(l -> name.equals(l.path("case").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exchange " + name + context));
    }

    private static void assertExchange(List<JsonNode> out, String name, int status, String body, String context) {
        JsonNode e = exchange(out, name, context);
        assertThat(e.get("status").intValue()).as("%s status%s", name, context).isEqualTo(status);
        assertThat(e.get("contentType").asText())
                .as("%s content type%s", name, context)
                .startsWith("application/json");
        assertThat(e.get("body").asText()).as("%s body%s", name, context).isEqualTo(body);
    }
}
