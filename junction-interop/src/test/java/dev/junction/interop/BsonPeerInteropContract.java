package dev.junction.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import dev.junction.bson.BsonCodec;
import dev.junction.message.Id;
import dev.junction.message.Request;
import dev.junction.service.JsonRpcMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The same interop checks against each third-party BSON peer script ({@code peers/bson_peer.py},
 * {@code peers/bson_peer.mjs}), which share their commands and output: a JSON line per message,
 * each BSON value described with the BSON type the third-party codec decoded it as.
 *
 * <ul>
 *   <li>the peer calls a Junction server ({@code tcp://127.0.0.1:0?codec=bson});
 *   <li>a Junction client ({@code ?codec=bson}) calls the peer as a server;
 *   <li>the peer's encoding of a fixed request equals Junction's, byte for byte.
 * </ul>
 *
 * In both directions the peer re-encodes every document Junction sent it with its own codec and
 * prints both: equal bytes mean Junction wrote exactly what that codec writes for the same values.
 */
abstract class BsonPeerInteropContract {
    static final byte[] BYTES = {0x00, 0x01, 0x02, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    static final String BYTES_HEX = "0001027f80feff";
    static final long MILLIS = 1_709_210_096_789L;
    static final Instant WHEN = Instant.ofEpochMilli(MILLIS); // 2024-02-29T12:34:56.789Z
    static final int INT32 = Integer.MAX_VALUE;
    static final long INT64 = 4_294_967_296L;
    static final String TEXT = "h\u00e9llo \u2713";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the peers describe the fixed echo params (both peers send and print the same). */
    static final JsonNode SAMPLE = json("""
            {"type": "array", "value": [
              {"type": "binary", "subtype": 0, "hex": "0001027f80feff"},
              {"type": "datetime", "millis": 1709210096789},
              {"type": "int32", "value": 2147483647},
              {"type": "int64", "value": 4294967296},
              {"type": "int64", "value": 5},
              {"type": "double", "value": 1.5},
              {"type": "string", "value": "h\\u00e9llo \\u2713"},
              {"type": "bool", "value": true},
              {"type": "null"},
              {"type": "document", "value": {"k": {"type": "array", "value": [
                {"type": "int32", "value": 1}, {"type": "string", "value": "x"}]}}}
            ]}""");

    /** The same params as Java values, as an application passes them. */
    static List<Object> sampleArgs() {
        return Arrays.asList(BYTES, WHEN, INT32, INT64, 5L, 1.5, TEXT, true, null, Map.of("k", List.of(1, "x")));
    }

    /** The peer's display name, for messages. */
    abstract String peerName();

    /** The command line running the peer script with {@code args}. */
    abstract List<String> command(String... args);

    /** Fails (or skips with -Djunction.interop.skip=true) when the peer is not installed. */
    abstract void requirePeer();

    /** The Junction side's services: echo as received, typed methods, and a notification sink. */
    public static final class Service {
        final BlockingQueue<List<Object>> notes = new LinkedBlockingQueue<>();

        @JsonRpcMethod
        public int subtract(int minuend, int subtrahend) {
            return minuend - subtrahend;
        }

        /** Binds binary and datetime to Java types, and answers with new ones of each. */
        @JsonRpcMethod
        public Map<String, Object> transform(byte[] data, Instant when) {
            byte[] reversed = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                reversed[i] = data[data.length - 1 - i];
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reversed", reversed);
            out.put("later", when.plusSeconds(1));
            out.put("length", data.length);
            out.put("millis", when.toEpochMilli());
            return out;
        }

        /** Called as a notification by the peer. */
        @JsonRpcMethod
        public void note(byte[] data, Instant when, String from) {
            notes.add(Arrays.asList(data, when, from));
        }
    }

    PeerProcess start(String... args) {
        requirePeer();
        return PeerProcess.start(peerName(), Peers.moduleDir(), command(args));
    }

    /** The peer, as a client, calls a Junction BSON-RPC server over TCP. */
    @Test
    void peerCallsJunction() {
        Service service = new Service();
        requirePeer();
        try (RpcServer server = Junction.server()
                .service(service)
                .method("echo", (ctx, params) -> params) // the params node as received
                .listen("tcp://127.0.0.1:0?codec=bson")
                .start()) {
            int port = server.endpoints().get(0).port();
            List<JsonNode> out;
            try (PeerProcess peer = start("client", Integer.toString(port))) {
                out = peer.awaitSuccess(TIMEOUT);
                String context = peer.describe();

                JsonNode echo = answer(out, "echo", context);
                assertThat(echo.get("result"))
                        .as("echo, as %s decoded it%s", peerName(), context)
                        .isEqualTo(SAMPLE);

                JsonNode transform = answer(out, "transform", context);
                assertThat(transform.get("result")).as("transform%s", context).isEqualTo(json("""
                                {"type": "document", "value": {
                                  "reversed": {"type": "binary", "subtype": 0, "hex": "fffe807f020100"},
                                  "later": {"type": "datetime", "millis": 1709210097789},
                                  "length": {"type": "int32", "value": 7},
                                  "millis": {"type": "int64", "value": 1709210096789}}}"""));

                List<JsonNode> subtracts = answers(out, "subtract");
                assertThat(subtracts).as("subtract answers%s", context).hasSize(2);
                for (JsonNode s : subtracts) {
                    assertThat(s.get("result"))
                            .as("subtract%s", context)
                            .isEqualTo(json("{\"type\": \"int32\", \"value\": 19}"));
                }

                JsonNode unknown = answer(out, "no.such.method", context);
                assertThat(unknown.get("error").get("code").asInt()).isEqualTo(-32601);
                assertThat(unknown.get("members"))
                        .as("error answer members%s", context)
                        .isEqualTo(json("[\"bsonrpc\", \"error\", \"id\"]"));

                List<JsonNode> answers = answers(out, null);
                assertThat(answers).as("answers%s", context).hasSize(5);
                for (int i = 0; i < answers.size(); i++) {
                    JsonNode a = answers.get(i);
                    assertThat(a.get("id").asInt()).as("id%s", context).isEqualTo(i + 1);
                    assertThat(a.get("idType").asText())
                            .as("id type%s", context)
                            .isEqualTo("int32");
                    if (a.has("result")) {
                        assertThat(a.get("members")).isEqualTo(json("[\"bsonrpc\", \"result\", \"id\"]"));
                    }
                    assertCanonical(a, context);
                }
                assertThat(out.stream().anyMatch(l -> l.has("notified"))).as("peer sent the notification%s", context);
            }

            List<Object> note = await().atMost(Duration.ofSeconds(10)).until(service.notes::peek, n -> n != null);
            assertThat((byte[]) note.get(0)).as("notified bytes").isEqualTo(BYTES);
            assertThat(note.get(1)).as("notified datetime").isEqualTo(WHEN);
            assertThat(note.get(2)).isEqualTo("from " + peerName());
        }
    }

    /** A Junction client calls the peer, serving over TCP; Java types on the way back. */
    @Test
    void junctionCallsPeer() throws Exception {
        try (PeerProcess peer = start("server")) {
            int port = peer.nextLine(TIMEOUT).get("port").asInt();
            String context;
            try (RpcClient client = Junction.client().connect("tcp://127.0.0.1:" + port + "?codec=bson")) {
                context = peer.describe();

                // Positional echo: each value comes back with its BSON type, so its node type.
                JsonNode echoed =
                        client.call("echo", JsonNode.class, sampleArgs().toArray());
                assertThat(echoed).hasSize(10);
                List<Class<?>> kinds = new ArrayList<>();
                echoed.forEach(n -> kinds.add(n.getClass()));
                assertThat(kinds)
                        .containsExactly(
                                BinaryNode.class,
                                POJONode.class,
                                IntNode.class,
                                LongNode.class,
                                LongNode.class,
                                DoubleNode.class,
                                TextNode.class,
                                BooleanNode.class,
                                NullNode.class,
                                ObjectNode.class);
                assertThat(echoed.get(0).binaryValue()).isEqualTo(BYTES);
                assertThat(((POJONode) echoed.get(1)).getPojo()).isEqualTo(Date.from(WHEN));
                assertThat(echoed.get(2).intValue()).isEqualTo(INT32);
                assertThat(echoed.get(3).longValue()).isEqualTo(INT64);
                assertThat(echoed.get(4).longValue()).isEqualTo(5L);
                assertThat(echoed.get(6).textValue()).isEqualTo(TEXT);

                // Named echo bound to Java types: binary to byte[], datetime to Instant and Date.
                Map<String, Object> named = new LinkedHashMap<>();
                named.put("data", BYTES);
                named.put("when", WHEN);
                named.put("date", Date.from(WHEN));
                named.put("small", 7);
                named.put("big", INT64);
                Sample sample = client.call("echo", Sample.class, Params.named(named));
                assertThat(sample.data()).isEqualTo(BYTES);
                assertThat(sample.when()).isEqualTo(WHEN);
                assertThat(sample.date()).isEqualTo(Date.from(WHEN));
                assertThat(sample.small()).isEqualTo(7);
                assertThat(sample.big()).isEqualTo(INT64);
                byte[][] twoBlobs = client.call("echo", byte[][].class, BYTES, new byte[0]);
                assertThat(twoBlobs[0]).isEqualTo(BYTES);
                assertThat(twoBlobs[1]).isEmpty();
                assertThat(client.call("echo", Instant[].class, WHEN, Instant.EPOCH))
                        .containsExactly(WHEN, Instant.EPOCH);

                assertThat(client.call("subtract", int.class, 42, 23)).isEqualTo(19);
                assertThat(client.call("subtract", int.class, Params.named(Map.of("minuend", 42, "subtrahend", 23))))
                        .isEqualTo(19);
                assertThatThrownBy(() -> client.call("no.such.method", JsonNode.class))
                        .isInstanceOf(RpcException.class)
                        .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(-32601));

                client.notify("note", BYTES, WHEN, "from java");
                // A call after it: the notification is on the wire before the answer comes back.
                assertThat(client.call("subtract", int.class, 1, 1)).isZero();
            }
            List<JsonNode> out = peer.awaitSuccess(TIMEOUT); // the peer exits when the connection closes
            context = peer.describe();

            List<JsonNode> received = new ArrayList<>();
            out.stream().filter(l -> l.has("received")).forEach(received::add);
            assertThat(received).as("messages the peer received%s", context).hasSize(9);
            for (JsonNode r : received) {
                assertCanonical(r, context);
                if (r.get("idType").isNull()) {
                    assertThat(r.get("members")).isEqualTo(json("[\"bsonrpc\", \"method\", \"params\"]"));
                } else {
                    assertThat(r.get("idType").asText())
                            .as("id type%s", context)
                            .isEqualTo("int32");
                    JsonNode expectedMembers = r.get("received").asText().equals("no.such.method")
                            ? json("[\"bsonrpc\", \"method\", \"id\"]")
                            : json("[\"bsonrpc\", \"method\", \"params\", \"id\"]");
                    assertThat(r.get("members")).as("members%s", context).isEqualTo(expectedMembers);
                }
            }
            assertThat(received.get(0).get("params"))
                    .as("echo params as the peer saw them%s", context)
                    .isEqualTo(SAMPLE);
            assertThat(received.get(1).get("params"))
                    .as("named echo params%s", context)
                    .isEqualTo(json("""
                            {"type": "document", "value": {
                              "data": {"type": "binary", "subtype": 0, "hex": "0001027f80feff"},
                              "when": {"type": "datetime", "millis": 1709210096789},
                              "date": {"type": "datetime", "millis": 1709210096789},
                              "small": {"type": "int32", "value": 7},
                              "big": {"type": "int64", "value": 4294967296}}}"""));
            JsonNode note = out.stream()
                    .filter(l -> "note".equals(l.path("received").asText()))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("the notification did not reach " + peerName() + peer.describe()));
            assertThat(note.get("params")).isEqualTo(json("""
                            {"type": "array", "value": [
                              {"type": "binary", "subtype": 0, "hex": "0001027f80feff"},
                              {"type": "datetime", "millis": 1709210096789},
                              {"type": "string", "value": "from java"}]}"""));
        }
    }

    /** The peer's codec and Junction's BsonCodec encode the same request to the same bytes. */
    @Test
    void requestBytesAreIdentical() {
        String peerHex;
        try (PeerProcess peer = start("encode")) {
            peerHex = peer.awaitSuccess(TIMEOUT).get(0).get("hex").asText();
        }
        ObjectMapper mapper = BsonCodec.mapper();
        // The Object... overload, as the engine's calls use: Params.positional(List) refuses a null
        // element (List.copyOf), although null is a valid positional param.
        Request request = new Request(
                Id.of(1), "echo", Params.positional(sampleArgs().toArray()).toTree(mapper));
        BsonCodec codec = BsonCodec.standard();
        assertThat(HexFormat.of().formatHex(codec.encode(request))).isEqualTo(peerHex);
        assertThat(codec.decode(HexFormat.of().parseHex(peerHex))).isEqualTo(request);
    }

    /** Binds the named echo's answer: BSON binary and datetime members to Java types. */
    record Sample(byte[] data, Instant when, Date date, int small, long big) {}

    /** Junction's frame re-encoded by the peer's codec gives the same bytes. */
    private static void assertCanonical(JsonNode line, String context) {
        assertThat(line.get("reencodedHex").asText())
                .as("%s re-encoded by the peer%s", line, context)
                .isEqualTo(line.get("frameHex").asText());
    }

    private static List<JsonNode> answers(List<JsonNode> out, String call) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode l : out) {
            if (l.has("call") && (call == null || call.equals(l.get("call").asText()))) {
                found.add(l);
            }
        }
        return found;
    }

    private static JsonNode answer(List<JsonNode> out, String call, String context) {
        List<JsonNode> found = answers(out, call);
        assertThat(found).as("answers to %s%s", call, context).hasSize(1);
        return found.get(0);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
