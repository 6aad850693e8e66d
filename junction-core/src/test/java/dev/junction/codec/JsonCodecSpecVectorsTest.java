package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.MAPPER;
import static dev.junction.codec.CodecTestSupport.tree;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of the JSON-RPC 2.0 specification, at the codec level. */
class JsonCodecSpecVectorsTest {
    private static final JsonCodec CODEC = JsonCodec.standard();

    /** What each case's request decodes to, one entry per message (or batch member), in order. */
    private static final Map<String, List<String>> EXPECTED_KINDS = Map.ofEntries(
            Map.entry("positional params 1", List.of("Request 1")),
            Map.entry("positional params 2", List.of("Request 2")),
            Map.entry("named params 1", List.of("Request 3")),
            Map.entry("named params 2", List.of("Request 4")),
            Map.entry("notification", List.of("Notification")),
            Map.entry("notification of a missing method", List.of("Notification")),
            Map.entry("non-existent method", List.of("Request \"1\"")),
            Map.entry("invalid JSON", List.of("Invalid -32700 null")),
            Map.entry("invalid Request object", List.of("Invalid -32600 null")),
            Map.entry("batch with invalid JSON", List.of("Invalid -32700 null")),
            Map.entry("empty batch", List.of("Invalid -32600 null")),
            Map.entry("invalid batch of one", List.of("Batch", "Invalid -32600 null")),
            Map.entry(
                    "invalid batch of three",
                    List.of("Batch", "Invalid -32600 null", "Invalid -32600 null", "Invalid -32600 null")),
            Map.entry(
                    "mixed batch",
                    List.of(
                            "Batch",
                            "Request \"1\"",
                            "Notification",
                            "Request \"2\"",
                            "Invalid -32600 null",
                            "Request \"5\"",
                            "Request \"9\"")),
            Map.entry("batch of notifications only", List.of("Batch", "Notification", "Notification")));

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = JsonCodecSpecVectorsTest.class.getResourceAsStream("/jsonrpc-2.0-spec.json")) {
            JsonNode root = MAPPER.readTree(in);
            return StreamSupport.stream(root.get("cases").spliterator(), false);
        }
    }

    @Test
    void everyCaseOfTheVectorFileHasAnExpectation() throws IOException {
        assertThat(cases().map(c -> c.get("name").asText()))
                .containsExactlyInAnyOrderElementsOf(EXPECTED_KINDS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRequestDecodesToTheExpectedKindCodeAndId(JsonNode c) {
        Message m = CODEC.decode(utf8(c.get("request").asText()));

        assertThat(describe(m)).isEqualTo(EXPECTED_KINDS.get(c.get("name").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aServerBuiltOnTheCodecAnswersEachCaseAsTheSpecificationShows(JsonNode c) {
        Message answer = serve(CODEC.decode(utf8(c.get("request").asText())));
        JsonNode expected = c.get("response");

        if (expected.isNull()) {
            assertThat(answer).isNull();
            return;
        }
        JsonNode actual = normalizeMessages(tree(CODEC.encode(answer)));
        if (c.path("unordered").asBoolean()) {
            assertThat(actual.isArray()).isTrue();
            assertThat(list(actual)).containsExactlyInAnyOrderElementsOf(list(expected));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachExpectedResponseEncodesToTheSameJsonTree(JsonNode c) {
        JsonNode expected = c.get("response");
        if (expected.isNull()) {
            return;
        }
        Message response = toMessage(expected);

        assertThat(tree(CODEC.encode(response))).isEqualTo(expected);
        assertThat(CODEC.decode(CODEC.encode(response))).isEqualTo(response);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Builds the message for an expected response by hand, without the codec. */
    private static Message toMessage(JsonNode json) {
        if (json.isArray()) {
            List<Message> members = new ArrayList<>();
            json.forEach(j -> members.add(toMessage(j)));
            return new Batch(members);
        }
        JsonNode idNode = json.get("id");
        Id id = idNode.isNull() ? Id.NULL : idNode.isTextual() ? Id.of(idNode.textValue()) : Id.of(idNode.longValue());
        if (json.has("error")) {
            JsonNode e = json.get("error");
            return Response.failure(
                    id,
                    new ErrorObject(e.get("code").intValue(), e.get("message").textValue(), e.get("data")));
        }
        return Response.success(id, json.get("result"));
    }

    /** Cuts each error message at its colon: "Invalid Request: method must be a string" -> "Invalid Request". */
    private static JsonNode normalizeMessages(JsonNode json) {
        if (json.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            json.forEach(j -> out.add(normalizeMessages(j)));
            return out;
        }
        JsonNode error = json.get("error");
        if (error != null) {
            String message = error.get("message").textValue();
            int colon = message.indexOf(':');
            ((ObjectNode) error).put("message", colon < 0 ? message : message.substring(0, colon));
        }
        return json;
    }

    private static List<String> describe(Message m) {
        List<String> out = new ArrayList<>();
        if (m instanceof Batch) {
            out.add("Batch");
            ((Batch) m).members().forEach(member -> out.addAll(describe(member)));
        } else if (m instanceof Request) {
            out.add("Request " + ((Request) m).id());
        } else if (m instanceof Notification) {
            out.add("Notification");
        } else if (m instanceof InvalidMessage) {
            InvalidMessage i = (InvalidMessage) m;
            out.add("Invalid " + i.error().code() + " " + i.id());
        } else {
            out.add("Response " + ((Response) m).id());
        }
        return out;
    }

    /** A tiny server offering the methods the vectors assume. */
    private static Message serve(Message m) {
        if (m instanceof Batch) {
            List<Message> answers = new ArrayList<>();
            for (Message member : ((Batch) m).members()) {
                Message a = serve(member);
                if (a != null) {
                    answers.add(a);
                }
            }
            return answers.isEmpty() ? null : new Batch(answers);
        }
        if (m instanceof InvalidMessage) {
            return m;
        }
        if (!(m instanceof Request)) {
            return null;
        }
        Request r = (Request) m;
        JsonNode p = r.params();
        switch (r.method()) {
            case "subtract":
                long difference = p.isArray()
                        ? p.get(0).longValue() - p.get(1).longValue()
                        : p.get("minuend").longValue() - p.get("subtrahend").longValue();
                return Response.success(r.id(), MAPPER.getNodeFactory().numberNode(difference));
            case "sum":
                long sum = 0;
                for (JsonNode n : p) {
                    sum += n.longValue();
                }
                return Response.success(r.id(), MAPPER.getNodeFactory().numberNode(sum));
            case "get_data":
                return Response.success(
                        r.id(), MAPPER.createArrayNode().add("hello").add(5));
            default:
                return Response.failure(r.id(), ErrorObject.of(ErrorCodes.METHOD_NOT_FOUND));
        }
    }
}
