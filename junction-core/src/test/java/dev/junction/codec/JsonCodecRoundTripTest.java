package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.MAPPER;
import static dev.junction.codec.CodecTestSupport.text;
import static dev.junction.codec.CodecTestSupport.tree;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.junction.ErrorCodes;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecRoundTripTest {
    private static final JsonCodec STRICT = JsonCodec.standard();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":{\"minuend\":42,\"subtrahend\":23},\"id\":\"a\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":null}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"update\",\"params\":[1,2,3,4,5]}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\"}",
                "{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":2}",
                "{\"jsonrpc\":\"2.0\",\"result\":{\"a\":[true,false,null,\"x\",1.5]},\"id\":\"r\"}",
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"1\"}",
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"boom\",\"data\":{\"why\":[1,2]}},\"id\":7}",
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}",
                "[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},{\"jsonrpc\":\"2.0\",\"method\":\"b\"}]",
                "[{\"jsonrpc\":\"2.0\",\"result\":7,\"id\":\"1\"},{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"5\"}]",
                "{\"jsonrpc\":\"2.0\",\"method\":\"caf\u00e9.\u20ac\",\"params\":[\"\ud83d\ude00\"],\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"esc\",\"params\":[\"a\\\"b\\\\c\\n\"],\"id\":1}"
            })
    void aCanonicalFrameDecodesAndEncodesBackToTheSameBytes(String frame) {
        Message decoded = STRICT.decode(utf8(frame));

        assertThat(decoded).isNotInstanceOf(InvalidMessage.class);
        assertThat(text(STRICT.encode(decoded))).isEqualTo(frame);
    }

    @Test
    void nestedParamsAndResultsOfEveryJsonTypeAreReadAsTheMapperWouldReadThem() {
        String params = "{\"a\":[1,-2147483649,18446744073709551616,2.5,true,false,null,\"s\",[],{}],"
                + "\"b\":{\"c\":{\"d\":[[[{\"e\":\"\u00e9\"}]]]}},\"f\":{}}";
        Message m = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + ",\"id\":1}"));
        Message r = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"result\":" + params + ",\"id\":1}"));

        assertThat(((Request) m).params()).isEqualTo(tree(params));
        assertThat(((Response) r).result()).isEqualTo(tree(params));
        assertThat(text(STRICT.encode(m)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + ",\"id\":1}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "3.14159265358979323846264338327950288",
                "0.1000000000000000000000001",
                "1e-400",
                "-1.23456789012345678e-320",
                "12345678901234567890.5"
            })
    void aFractionADoubleCannotHoldKeepsEveryDigit(String number) {
        Message m = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[" + number + "],\"id\":1}"));

        assertThat(((Request) m).params().get(0).isBigDecimal()).isTrue();
        assertThat(((Request) m).params().get(0).decimalValue()).isEqualByComparingTo(number);
        Message again = STRICT.decode(STRICT.encode(m));
        assertThat(((Request) again).params().get(0).decimalValue()).isEqualByComparingTo(number);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.5", "-0.1", "0.30000000000000004", "1.7976931348623157e308", "2.5e-3", "123456.789"})
    void aFractionADoubleHoldsExactlyStaysADouble(String number) {
        Message m = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[" + number + "],\"id\":1}"));

        assertThat(((Request) m).params().get(0).isDouble()).isTrue();
        assertThat(((Request) m).params().get(0).doubleValue()).isEqualTo(Double.parseDouble(number));
    }

    @Test
    void aFloatTooLargeForADoubleIsKeptAsADecimalNotTurnedIntoInfinity() {
        Message m = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1e400],\"id\":1}"));

        assertThat(((Request) m).params().get(0).decimalValue()).isEqualByComparingTo("1e400");
        assertThat(text(STRICT.encode(m))).contains("[1E+400]");
    }

    @Test
    void theSubtractExampleDecodesToARequestWithItsIdMethodAndParams() {
        Message m = STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}"));

        assertThat(m)
                .isEqualTo(new Request(
                        Id.of(1), "subtract", MAPPER.createArrayNode().add(42).add(23)));
    }

    @Test
    void membersInAnyOrderWithWhitespaceAndUnknownMembersDecodeTheSame() {
        Message m = STRICT.decode(
                utf8(" {\n \"id\" : 1 , \"x-trace\": {\"deep\": [1, {\"a\": null}]},\t\"params\" : [42, 23],"
                        + " \"method\" : \"subtract\", \"jsonrpc\" : \"2.0\" }\r\n"));

        assertThat(m)
                .isEqualTo(new Request(
                        Id.of(1), "subtract", MAPPER.createArrayNode().add(42).add(23)));
    }

    @Test
    void encodingWritesMembersInTheOrderJsonrpcMethodParamsId() {
        Request r = new Request(Id.of("x"), "m", MAPPER.createObjectNode().put("k", 1));

        assertThat(text(STRICT.encode(r)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"k\":1},\"id\":\"x\"}");
    }

    @Test
    void anInvalidMessageIsEncodedAsTheErrorResponseItStandsFor() {
        InvalidMessage invalid =
                new InvalidMessage(Id.of(5), ErrorObject.of(ErrorCodes.INVALID_REQUEST, "Invalid Request: why"), false);

        assertThat(text(STRICT.encode(invalid)))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request: why\"},\"id\":5}");
    }

    @Test
    void aSuccessWithANullResultKeepsTheResultMember() {
        assertThat(text(STRICT.encode(Response.success(Id.of(3), null))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":3}");
        assertThat(STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":3}")))
                .isEqualTo(Response.success(Id.of(3), NullNode.getInstance()));
    }

    static List<Message> everyKind(boolean withBatch) {
        List<Message> out = new ArrayList<>(List.of(
                new Request(Id.of(1), "sum", MAPPER.createArrayNode().add(1).add(2)),
                new Request(Id.of("abc"), "echo", MAPPER.createArrayNode().add("x")),
                new Request(Id.NULL, "nothing", MAPPER.createArrayNode()),
                new Notification("update", MAPPER.createArrayNode().add(true)),
                Response.success(Id.of(2), MAPPER.createObjectNode().put("a", "b")),
                Response.success(Id.of("s"), NullNode.getInstance()),
                Response.failure(Id.of(3), ErrorObject.of(ErrorCodes.METHOD_NOT_FOUND)),
                Response.failure(
                        Id.NULL,
                        new ErrorObject(-32000, "boom", MAPPER.createArrayNode().add(1)))));
        if (withBatch) {
            out.add(new Batch(List.of(out.get(0), out.get(3))));
            out.add(new Batch(List.of(out.get(4), out.get(6))));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JsonCodec.Dialect.class)
    void everyMessageKindSurvivesAnEncodeDecodeRoundTrip(JsonCodec.Dialect dialect) {
        JsonCodec codec = JsonCodec.builder().dialect(dialect).build();
        boolean v10 = dialect == JsonCodec.Dialect.JSONRPC_1_0;

        for (Message m : everyKind(!v10)) {
            if (v10 && m instanceof Request && ((Request) m).id().isNull()) {
                continue; // in JSON-RPC 1.0 "id": null means a notification
            }
            assertThat(codec.decode(codec.encode(m))).as("%s in %s", m, dialect).isEqualTo(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = JsonCodec.Dialect.class,
            names = {"STRICT", "LENIENT"})
    void strictAndLenientWriteExactlyTheSameBytes(JsonCodec.Dialect dialect) {
        JsonCodec codec = JsonCodec.builder().dialect(dialect).build();

        for (Message m : everyKind(true)) {
            assertThat(text(codec.encode(m))).isEqualTo(text(STRICT.encode(m)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"method\":\"echo\",\"params\":[\"hi\"],\"id\":1}",
                "{\"method\":\"tick\",\"params\":[],\"id\":null}",
                "{\"result\":\"hi\",\"error\":null,\"id\":1}",
                "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}",
                "{\"result\":null,\"error\":null,\"id\":\"x\"}"
            })
    void jsonRpc10FramesDecodeAndEncodeBackToTheSameBytes(String frame) {
        JsonCodec codec =
                JsonCodec.builder().dialect(JsonCodec.Dialect.JSONRPC_1_0).build();
        Message decoded = codec.decode(utf8(frame));

        assertThat(decoded).isNotInstanceOf(InvalidMessage.class);
        assertThat(text(codec.encode(decoded))).isEqualTo(frame);
    }

    @Test
    void decodingAFrameInsideALargerBufferReadsOnlyThatFrame() {
        byte[] frame = utf8("garbage{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":9}}}}");

        Message m = STRICT.decode(frame, 7, frame.length - 10);

        assertThat(m).isEqualTo(new Request(Id.of(9), "m", null));
    }

    @Test
    void oneCodecIsSafeToUseFromManyThreadsAtOnce() throws Exception {
        List<Message> kinds = everyKind(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Message m = kinds.get(i % kinds.size());
                        if (!STRICT.decode(STRICT.encode(m)).equals(m)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void encodedOutputIsAlwaysValidJson() {
        Stream.of(JsonCodec.Dialect.values())
                .map(d -> JsonCodec.builder().dialect(d).build())
                .forEach(codec -> everyKind(codec.dialect() != JsonCodec.Dialect.JSONRPC_1_0)
                        .forEach(m -> assertThat(tree(codec.encode(m))).isNotNull()));
    }
}
