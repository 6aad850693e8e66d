package dev.junction.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian's python3-websockets (10.4) and python3-aiohttp (3.8.4) WebSocket clients ({@code
 * peers/ws_client_peer.py}) against Junction's ws:// server ({@link WebInteropServer}): calls
 * (positional, named, one object as named params, {@code {}} and absent params), ids of 2^53+1 and
 * 2^63-1 echoed digit for digit, pipelined calls answered out of order, a batch with a
 * notification and an unknown method, notifications both ways, and a call the server makes on
 * the Python client, answered by it.
 */
class WebSocketPythonClientsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void requirePeers() {
        WebPeers.requirePython();
    }

    @ParameterizedTest(name = "python3-{0}")
    @ValueSource(strings = {"websockets", "aiohttp"})
    void pythonClientCallsJunctionAndAnswersItsCalls(String library) throws Exception {
        try (WebInteropServer server = new WebInteropServer("ws://127.0.0.1:0/rpc");
                PeerProcess peer = PeerProcess.start(
                        "python3-" + library,
                        Peers.moduleDir(),
                        List.of(
                                Peers.PYTHON,
                                Peers.script("ws_client_peer.py").toString(),
                                library,
                                "ws://127.0.0.1:" + server.port() + "/rpc"))) {
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT);
            String context = peer.describe();

            assertThat(result(out, "handshake", context))
                    .as("the handshake's headers as the server saw them%s", context)
                    .isEqualTo(json("{\"content-type\": \"application/json\", \"accept\": \"application/json\"}"));
            assertThat(result(out, "positional", context).intValue()).isEqualTo(19);
            assertThat(result(out, "named", context).intValue()).isEqualTo(19);
            assertThat(raw(out, "bigId", context))
                    .as("2^53+1 echoed exactly%s", context)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":9007199254740993}");
            assertThat(raw(out, "maxId", context))
                    .as("2^63-1 echoed exactly%s", context)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":9223372036854775807}");
            assertThat(result(out, "emptyObjectParams", context).textValue()).isEqualTo("pong");
            assertThat(result(out, "noParams", context).textValue()).isEqualTo("pong");
            assertThat(line(out, "singleObject", context).get("response"))
                    .isEqualTo(json("{\"jsonrpc\": \"2.0\", \"result\": \"Hello Ada (36)\", \"id\": \"greet-1\"}"));

            JsonNode pipelined = line(out, "pipelined", context);
            assertThat(pipelined.get("order"))
                    .as("the fast answer overtakes the slow one%s", context)
                    .isEqualTo(json("[11, 10]"));
            assertThat(pipelined.get("slow").get("result").intValue()).isEqualTo(400);
            assertThat(pipelined.get("fast").get("result").intValue()).isEqualTo(2);

            assertThat(line(out, "batch", context).get("response"))
                    .as("the batch's answers, the notification's left out%s", context)
                    .containsExactlyInAnyOrder( // a batch's answers may come in any order (spec, section 6)
                            json("{\"jsonrpc\": \"2.0\", \"result\": 5, \"id\": 20}"), json("""
                                    {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found: no.such.method"},
                                     "id": 21}"""));

            assertThat(server.nextNote()).isEqualTo("in a batch");
            assertThat(server.nextNote()).isEqualTo("from python");

            assertThat(result(out, "subscribe", context).textValue()).isEqualTo("subscribed to weather");
            List<JsonNode> news = new ArrayList<>();
            List<JsonNode> beforeSubscribeAnswer = new ArrayList<>();
            for (JsonNode l : out) {
                if ("subscribe".equals(l.path("call").asText())) {
                    break;
                }
                beforeSubscribeAnswer.add(l);
            }
            beforeSubscribeAnswer.stream()
                    .filter(l -> l.has("notification"))
                    .forEach(l -> news.add(l.get("notification")));
            assertThat(news)
                    .as("the pushed notifications arrive before the answer%s", context)
                    .containsExactly(
                            json("{\"jsonrpc\": \"2.0\", \"method\": \"news\", \"params\": [\"weather\", 1]}"),
                            json("{\"jsonrpc\": \"2.0\", \"method\": \"news\", \"params\": [\"weather\", 2]}"),
                            json("{\"jsonrpc\": \"2.0\", \"method\": \"news\", \"params\": [\"weather\", 3]}"));

            JsonNode serverCall = out.stream()
                    .filter(l -> l.has("serverCall"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the server's call never reached the peer" + context))
                    .get("serverCall");
            assertThat(serverCall.get("method").asText()).isEqualTo("ui.confirm");
            assertThat(serverCall.get("params")).isEqualTo(json("{\"question\": \"Proceed?\"}"));
            assertThat(server.nextConfirmation())
                    .as("the Python side's answer reached the server%s", context)
                    .isEqualTo("yes to Proceed?");
            assertThat(result(out, "askClient", context).textValue()).isEqualTo("client said: yes to Proceed?");

            assertThat(out.get(out.size() - 1)).as("closed normally%s", context).isEqualTo(json("{\"closed\": 1000}"));
            assertThat(out.stream().filter(l -> l.has("unexpected")))
                    .as("unmatched messages%s", context)
                    .isEmpty();
        }
    }

    static JsonNode line(List<JsonNode> out, String call, String context) {
        return out.stream()
                .filter(l -> call.equals(l.path("call").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + call + context));
    }

    static JsonNode result(List<JsonNode> out, String call, String context) {
        JsonNode response = line(out, call, context).get("response");
        assertThat(response.has("result"))
                .as("%s answered %s%s", call, response, context)
                .isTrue();
        return response.get("result");
    }

    static String raw(List<JsonNode> out, String call, String context) {
        return line(out, call, context).get("raw").asText();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
