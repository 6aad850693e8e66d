package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.Request;
import dev.junction.message.Response;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors written by hand from the BSON specification (bsonspec.org). */
class BsonGoldenVectorsTest {
    private final BsonCodec codec = BsonCodec.standard();

    /** {"bsonrpc": "2.0", "method": "sum", "params": [1, 2], "id": 1}: 73 bytes. */
    static final byte[] REQUEST = Bson.hex("49 00 00 00"
            + " 02 62 73 6F 6E 72 70 63 00  04 00 00 00  32 2E 30 00" // string "bsonrpc": "2.0"
            + " 02 6D 65 74 68 6F 64 00  04 00 00 00  73 75 6D 00" // string "method": "sum"
            + " 04 70 61 72 61 6D 73 00  13 00 00 00" // array "params", 19 bytes:
            + "    10 30 00 01 00 00 00  10 31 00 02 00 00 00  00" //   int32 "0": 1, int32 "1": 2
            + " 10 69 64 00 01 00 00 00" // int32 "id": 1
            + " 00");

    /** {"bsonrpc": "2.0", "result": 3, "id": 1}: 42 bytes. */
    static final byte[] RESPONSE = Bson.hex("2A 00 00 00"
            + " 02 62 73 6F 6E 72 70 63 00  04 00 00 00  32 2E 30 00"
            + " 10 72 65 73 75 6C 74 00  03 00 00 00" // int32 "result": 3
            + " 10 69 64 00 01 00 00 00"
            + " 00");

    /** {"bsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "a"}. */
    static final byte[] ERROR = Bson.hex("54 00 00 00"
            + " 02 62 73 6F 6E 72 70 63 00  04 00 00 00  32 2E 30 00"
            + " 03 65 72 72 6F 72 00  2D 00 00 00" // document "error", 45 bytes:
            + "    10 63 6F 64 65 00  A7 80 FF FF" //   int32 "code": -32601
            + "    02 6D 65 73 73 61 67 65 00  11 00 00 00" //   string "message", 17 bytes:
            + "       4D 65 74 68 6F 64 20 6E 6F 74 20 66 6F 75 6E 64 00" //   "Method not found"
            + "    00"
            + " 02 69 64 00  02 00 00 00  61 00" // string "id": "a"
            + " 00");

    private static final Request REQUEST_MESSAGE = new Request(
            Id.of(1), "sum", JsonNodeFactory.instance.arrayNode().add(1).add(2));
    private static final Response RESPONSE_MESSAGE = new Response(Id.of(1), IntNode.valueOf(3), null);
    private static final Response ERROR_MESSAGE =
            new Response(Id.of("a"), null, new ErrorObject(-32601, "Method not found", null));

    @Test
    void vectorsAreWellFormed() {
        assertThat(REQUEST).hasSize(0x49);
        assertThat(RESPONSE).hasSize(0x2A);
        assertThat(ERROR).hasSize(0x54);
    }

    @Test
    void requestEncodesToTheVector() {
        assertThat(codec.encode(REQUEST_MESSAGE)).isEqualTo(REQUEST);
        assertThat(codec.decode(REQUEST)).isEqualTo(REQUEST_MESSAGE);
    }

    @Test
    void responseEncodesToTheVector() {
        assertThat(codec.encode(RESPONSE_MESSAGE)).isEqualTo(RESPONSE);
        assertThat(codec.decode(RESPONSE)).isEqualTo(RESPONSE_MESSAGE);
    }

    @Test
    void errorResponseEncodesToTheVector() {
        assertThat(codec.encode(ERROR_MESSAGE)).isEqualTo(ERROR);
        assertThat(codec.decode(ERROR)).isEqualTo(ERROR_MESSAGE);
    }

    @Test
    void membersInAnyOrderDecode() {
        // py-bson-rpc builds its dicts as {protocol, id, method, params}: another member order.
        byte[] pythonOrder = Bson.doc()
                .string("bsonrpc", "2.0")
                .int32("id", 1)
                .string("method", "sum")
                .array("params", Bson.doc().int32("0", 1).int32("1", 2))
                .bytes();
        assertThat(codec.decode(pythonOrder)).isEqualTo(REQUEST_MESSAGE);
    }
}
