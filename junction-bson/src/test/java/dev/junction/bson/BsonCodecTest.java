package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.junction.CodecException;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.codec.Codecs;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class BsonCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final BsonCodec codec = BsonCodec.standard();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private Message roundTrip(Message m) {
        byte[] bytes = codec.encode(m);
        assertThat(readInt32(bytes, 0)).as("length prefix").isEqualTo(bytes.length);
        return codec.decode(bytes);
    }

    private static int readInt32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    @Test
    void nameAndBinaryAndFoundByName() {
        assertThat(codec.name()).isEqualTo("bson");
        assertThat(codec.isBinary()).isTrue();
        assertThat(Codecs.names()).contains("bson", "cbor", "json");
        assertThat(Codecs.forName("bson", Limits.defaults())).isInstanceOf(BsonCodec.class);
        assertThat(Codecs.forName(
                        "BSON",
                        Limits.defaults().toBuilder().maxFrameBytes(1000).build()))
                .isInstanceOf(BsonCodec.class);
        assertThat(codec.mapperModules()).hasAtLeastOneElementOfType(BsonTypesModule.class);
    }

    @Test
    void everyMessageKindRoundTrips() throws Exception {
        List<Message> messages = List.of(
                new Request(Id.of(1), "subtract", json("[42, 23]")),
                new Request(Id.of("abc"), "subtract", json("{\"minuend\": 42, \"subtrahend\": 23}")),
                new Request(Id.of(5_000_000_000L), "ping", null),
                new Request(Id.NULL, "nullId", json("[]")),
                new Notification("update", json("[1, 2, 3, 4, 5]")),
                new Notification("foobar", null),
                new Response(Id.of(1), json("19"), null),
                new Response(Id.of("x"), json("{\"a\": [1, \"b\", null, true, 2.5], \"c\": {}}"), null),
                new Response(Id.of(2), json("null"), null),
                new Response(Id.of(3), null, new ErrorObject(-32601, "Method not found", null)),
                new Response(Id.of(4), null, new ErrorObject(-32000, "Boom", json("{\"why\": [1]}"))),
                new Response(Id.NULL, null, new ErrorObject(-32700, "Parse error", null)));
        for (Message m : messages) {
            assertThat(roundTrip(m)).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void anInvalidMessageIsWrittenAsItsErrorAnswer() {
        InvalidMessage invalid = new InvalidMessage(
                Id.of(9), new ErrorObject(ErrorCodes.INVALID_REQUEST, "Invalid Request", null), false);
        assertThat(roundTrip(invalid)).isEqualTo(new Response(Id.of(9), null, invalid.error()));
    }

    @Test
    void int32AndInt64StayApartBothWays() {
        ArrayNode params = NODES.arrayNode()
                .add(IntNode.valueOf(7))
                .add(LongNode.valueOf(7))
                .add(Integer.MAX_VALUE)
                .add(LongNode.valueOf(Long.MIN_VALUE));
        Request decoded = (Request) roundTrip(new Request(Id.of(1), "m", params));
        assertThat(decoded.params().get(0)).isInstanceOf(IntNode.class);
        assertThat(decoded.params().get(1)).isInstanceOf(LongNode.class);
        assertThat(decoded.params().get(1).longValue()).isEqualTo(7L);
        assertThat(decoded.params().get(2)).isInstanceOf(IntNode.class);
        assertThat(decoded.params().get(3)).isEqualTo(LongNode.valueOf(Long.MIN_VALUE));

        byte[] in = Bson.doc()
                .string("bsonrpc", "2.0")
                .string("method", "m")
                .array("params", Bson.doc().int32("0", 1).int64("1", 1))
                .int64("id", 2)
                .bytes();
        Request r = (Request) codec.decode(in);
        assertThat(r.params().get(0)).isInstanceOf(IntNode.class);
        assertThat(r.params().get(1)).isInstanceOf(LongNode.class);
        assertThat(r.id()).isEqualTo(Id.of(2));
    }

    @Test
    void numericIdsAreWrittenAsInt32OrInt64() {
        byte[] small = codec.encode(new Notification("n", null));
        assertThat(small).isNotEmpty();
        byte[] int32 = codec.encode(new Response(Id.of(7), IntNode.valueOf(1), null));
        assertThat(int32).endsWith(Bson.hex("10 69 64 00 07 00 00 00 00")); // int32 "id": 7, end of document
        byte[] int64 = codec.encode(new Response(Id.of(1L << 40), IntNode.valueOf(1), null));
        assertThat(int64).endsWith(Bson.hex("12 69 64 00 00 00 00 00 00 01 00 00 00"));
        byte[] fraction = codec.encode(new Response(Id.ofNumberText("1.5"), IntNode.valueOf(1), null));
        assertThat(fraction).endsWith(Bson.hex("01 69 64 00 00 00 00 00 00 00 F8 3F 00"));
    }

    @Test
    void binaryAndDatetimeKeepTheirTypes() throws Exception {
        byte[] data = {0, 1, 2, (byte) 0xFF};
        Date when = new Date(1_700_000_000_123L);
        ObjectNode result = NODES.objectNode();
        result.set("bin", BinaryNode.valueOf(data));
        result.set("when", new POJONode(when));
        byte[] bytes = codec.encode(new Response(Id.of(1), result, null));
        // binary: type 0x05, "bin", length 4, subtype 0; datetime: type 0x09, "when", int64 millis
        assertThat(bytes)
                .containsSequence(Bson.hex("05 62 69 6E 00 04 00 00 00 00 00 01 02 FF"))
                .containsSequence(Bson.hex("09 77 68 65 6E 00"));
        Response decoded = (Response) codec.decode(bytes);
        assertThat(decoded.result().get("bin")).isInstanceOf(BinaryNode.class);
        assertThat(decoded.result().get("bin").binaryValue()).isEqualTo(data);
        assertThat(decoded.result().get("when")).isInstanceOf(POJONode.class);
        assertThat(((POJONode) decoded.result().get("when")).getPojo()).isEqualTo(when);
    }

    @Test
    void aBatchCannotBeEncoded() {
        Batch batch = new Batch(List.of(new Notification("a", null), new Notification("b", null)));
        assertThatThrownBy(() -> codec.encode(batch))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("BSON-RPC has no batches");
    }

    @Test
    void aTopLevelArrayLikeDocumentIsRefusedAsABatch() {
        byte[] batchAsArray = Bson.doc()
                .doc(
                        "0",
                        Bson.doc()
                                .string("bsonrpc", "2.0")
                                .string("method", "a")
                                .int32("id", 1))
                .doc(
                        "1",
                        Bson.doc()
                                .string("bsonrpc", "2.0")
                                .string("method", "b")
                                .int32("id", 2))
                .bytes();
        Message m = codec.decode(batchAsArray);
        assertThat(m).isInstanceOf(InvalidMessage.class);
        assertThat(((InvalidMessage) m).error().code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(((InvalidMessage) m).error().message()).contains("BSON-RPC has no batches");
    }

    @Test
    void theProtocolMemberIsBsonrpc() {
        byte[] jsonrpc = Bson.doc()
                .string("jsonrpc", "2.0")
                .string("method", "m")
                .int32("id", 1)
                .bytes();
        InvalidMessage m = (InvalidMessage) codec.decode(jsonrpc);
        assertThat(m.error().code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(m.error().message()).contains("missing \"bsonrpc\": \"2.0\"");
        assertThat(m.id()).isEqualTo(Id.of(1));

        byte[] wrongVersion =
                Bson.doc().string("bsonrpc", "1.0").string("method", "m").bytes();
        assertThat(((InvalidMessage) codec.decode(wrongVersion)).error().message())
                .contains("bsonrpc must be \"2.0\"");
    }

    @Test
    void aNulInAMemberNameCannotBeEncoded() {
        ObjectNode params = NODES.objectNode().put("a\u0000b", 1).put("c", 2);
        assertThatThrownBy(() -> codec.encode(new Notification("m", params)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("U+0000");
    }

    @Test
    void encodingWorksOnAnInterruptedThreadAndKeepsItsFlag() {
        Notification n = new Notification("m", NODES.arrayNode().add(1));
        Thread.currentThread().interrupt();
        try {
            assertThat(codec.decode(codec.encode(n))).isEqualTo(n);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aNulInsideAStringValueRoundTrips() {
        Notification n = new Notification("m", NODES.arrayNode().add("a\u0000b"));
        assertThat(roundTrip(n)).isEqualTo(n);
    }

    @Test
    void anEncodedMessageOverTheFrameLimitIsRefused() {
        BsonCodec small =
                new BsonCodec(Limits.defaults().toBuilder().maxFrameBytes(64).build());
        assertThatThrownBy(() ->
                        small.encode(new Notification("m", NODES.arrayNode().add("x".repeat(100)))))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("Limits.maxFrameBytes");
    }
}
