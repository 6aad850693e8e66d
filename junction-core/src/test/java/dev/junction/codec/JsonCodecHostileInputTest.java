package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.assertInvalid;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.message.Batch;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecHostileInputTest {
    private static final JsonCodec STRICT = JsonCodec.standard();
    private static final JsonCodec LENIENT =
            JsonCodec.builder().dialect(JsonCodec.Dialect.LENIENT).build();
    private static final String VALID = "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}";

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    // ------------------------------------------------------------------------- -32700 parse errors

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]",
                "{\"jsonrpc\":\"2.0\",}",
                "{'jsonrpc':'2.0'}",
                "[1,]",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[NaN],\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":01}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":+1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"a\tb\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\"} x",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}{\"jsonrpc\":\"2.0\",\"method\":\"m\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}]",
                "nul",
                "",
                "   \r\n\t "
            })
    void malformedJsonIsAParseErrorWithTheNullId(String frame) {
        InvalidMessage m = assertInvalid(STRICT.decode(utf8(frame)), ErrorCodes.PARSE_ERROR, Id.NULL);

        assertThat(m.error().message()).startsWith("Parse error: ");
        assertThat(m.wasResponse()).isFalse();
    }

    @Test
    void aFrameTruncatedAtEveryBytePositionIsAParseErrorAndNeverThrows() {
        byte[] frame = utf8(VALID);

        for (int n = 0; n < frame.length; n++) {
            int length = n;
            assertThatCode(() -> STRICT.decode(frame, 0, length)).doesNotThrowAnyException();
            assertInvalid(STRICT.decode(frame, 0, n), ErrorCodes.PARSE_ERROR, Id.NULL);
        }
        assertThat(STRICT.decode(frame)).isInstanceOf(Request.class);
    }

    @Test
    void aBatchTruncatedAtEveryBytePositionIsOneParseErrorAndNeverThrows() {
        byte[] frame =
                utf8("[" + VALID + ",{\"jsonrpc\":\"2.0\",\"result\":\"\u00e9\u20ac\ud83d\ude00\",\"id\":\"x\"}]");

        for (int n = 0; n < frame.length; n++) {
            Message m = STRICT.decode(frame, 0, n);
            assertThat(m).as("prefix of %d bytes", n).isInstanceOf(InvalidMessage.class);
            assertThat(((InvalidMessage) m).error().code()).isEqualTo(ErrorCodes.PARSE_ERROR);
        }
    }

    @Test
    void aBatchWhoseJsonBreaksInTheMiddleIsOneParseError() {
        Message m = STRICT.decode(utf8("[" + VALID + ", {\"jsonrpc\": \"2.0\", \"method\"]"));

        assertInvalid(m, ErrorCodes.PARSE_ERROR, Id.NULL);
    }

    @Test
    void randomBytesAndMutatedFramesNeverMakeDecodeThrow() {
        Random random = new Random(42);
        byte[] valid =
                utf8("[" + VALID + ",{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"m\",\"data\":[{}]},"
                        + "\"id\":\"\u00e9\"}]");
        for (int i = 0; i < 5_000; i++) {
            byte[] frame;
            if (i % 2 == 0) {
                frame = new byte[random.nextInt(64)];
                random.nextBytes(frame);
            } else {
                frame = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
            }
            byte[] input = frame;
            for (JsonCodec codec : new JsonCodec[] {STRICT, LENIENT}) {
                assertThatCode(() -> codec.decode(input))
                        .as("%s", Arrays.toString(input))
                        .doesNotThrowAnyException();
            }
        }
    }

    // ------------------------------------------------------------------------- encoding: UTF-8 only

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void aFrameInUtf16OrUtf32IsAParseError(String charset) {
        byte[] frame = VALID.getBytes(Charset.forName(charset));

        InvalidMessage m = assertInvalid(STRICT.decode(frame), ErrorCodes.PARSE_ERROR, Id.NULL);

        assertThat(m.error().message()).startsWith("Parse error: ");
    }

    @Test
    void aFrameInUtf16WithoutAZeroByteInFrontIsStillAParseError() {
        byte[] frame = concat(bytes(0xFE, 0xFF), VALID.getBytes(StandardCharsets.UTF_16BE));

        assertInvalid(STRICT.decode(frame), ErrorCodes.PARSE_ERROR, Id.NULL);
    }

    @Test
    void aByteOrderMarkIsAParseError() {
        byte[] frame = concat(bytes(0xEF, 0xBB, 0xBF), utf8(VALID));

        InvalidMessage m = assertInvalid(STRICT.decode(frame), ErrorCodes.PARSE_ERROR, Id.NULL);

        assertThat(m.error().message()).contains("byte order mark");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "FF", // never valid
                "80", // a continuation byte alone
                "C0 80", // overlong NUL
                "C1 BF", // overlong
                "E0 80 80", // overlong
                "ED A0 80", // a UTF-16 surrogate
                "F4 90 80 80", // above U+10FFFF
                "F8 88 80 80 80", // a 5-byte form
                "E2 82", // truncated euro sign
                "C3 28" // a bad continuation
            })
    void invalidUtf8AnywhereIsAParseError(String hex) {
        String[] parts = hex.split(" ");
        byte[] bad = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bad[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        byte[] inMethod = concat(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"a"), bad, utf8("\",\"id\":1}"));
        byte[] inSkippedMember =
                concat(utf8("{\"jsonrpc\":\"2.0\",\"x\":\""), bad, utf8("\",\"method\":\"m\",\"id\":1}"));

        for (byte[] frame : new byte[][] {inMethod, inSkippedMember}) {
            InvalidMessage m = assertInvalid(STRICT.decode(frame), ErrorCodes.PARSE_ERROR, Id.NULL);
            assertThat(m.error().message()).startsWith("Parse error: invalid UTF-8 at byte ");
        }
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        Message m = STRICT.decode(
                utf8("{\"jsonrpc\":\"2.0\",\"method\":\"\u00e9\u0800\uffff\ud800\udc00\udbff\udfff\",\"id\":1}"));

        assertThat(((Request) m).method()).isEqualTo("\u00e9\u0800\uffff\ud800\udc00\udbff\udfff");
    }

    // ------------------------------------------------------------------------- limits

    @Test
    void aFrameLongerThanMaxFrameBytesIsRefusedWithoutParsing() {
        byte[] frame = utf8(VALID);
        JsonCodec exact = JsonCodec.builder()
                .limits(Limits.builder().maxFrameBytes(frame.length).build())
                .build();
        JsonCodec smaller = JsonCodec.builder()
                .limits(Limits.builder().maxFrameBytes(frame.length - 1).build())
                .build();

        assertThat(exact.decode(frame)).isInstanceOf(Request.class);
        InvalidMessage m = assertInvalid(smaller.decode(frame), ErrorCodes.INVALID_REQUEST, Id.NULL);
        assertThat(m.error().message())
                .isEqualTo("Invalid Request: frame of " + frame.length + " bytes is longer than Limits.maxFrameBytes ("
                        + (frame.length - 1) + ")");
        // Not parsed at all: even broken JSON gets the size error.
        assertInvalid(smaller.decode(utf8("{" + "x".repeat(frame.length))), ErrorCodes.INVALID_REQUEST, Id.NULL);
    }

    @Test
    void tenThousandLevelsOfNestingAreRefusedNamingTheLimit() {
        String open = "[".repeat(10_000);
        String close = "]".repeat(10_000);

        for (String frame : new String[] {open + close, open, "{\"a\":" + open + close + "}"}) {
            InvalidMessage m = assertInvalid(STRICT.decode(utf8(frame)), ErrorCodes.INVALID_REQUEST, Id.NULL);
            assertThat(m.error().message())
                    .isEqualTo("Invalid Request: nesting deeper than Limits.maxNestingDepth (500)");
        }
    }

    @Test
    void deepNestingInsideParamsIsRefusedKeepingAnIdReadBeforeIt() {
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"m\",\"params\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}";

        InvalidMessage m = assertInvalid(STRICT.decode(utf8(frame)), ErrorCodes.INVALID_REQUEST, Id.of(3));

        assertThat(m.error().message()).contains("Limits.maxNestingDepth");
    }

    @Test
    void nestingUpToMaxNestingDepthIsAcceptedAndOneMoreLevelIsNot() {
        JsonCodec codec = JsonCodec.builder()
                .limits(Limits.builder().maxNestingDepth(4).build())
                .build();

        // The envelope object is level 1, params level 2.
        assertThat(codec.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[[[1]]],\"id\":1}")))
                .isInstanceOf(Request.class);
        InvalidMessage m = assertInvalid(
                codec.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[[[[1]]]],\"id\":1}")),
                ErrorCodes.INVALID_REQUEST,
                Id.NULL);
        assertThat(m.error().message()).isEqualTo("Invalid Request: nesting deeper than Limits.maxNestingDepth (4)");
    }

    @Test
    void aStringLongerThanMaxStringLengthIsRefusedNamingTheLimit() {
        JsonCodec codec = JsonCodec.builder()
                .limits(Limits.builder().maxStringLength(1_000).build())
                .build();
        String ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "m".repeat(1_000) + "\"}";
        String longMethod = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "m".repeat(1_001) + "\"}";
        String longParam =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[\"" + "p".repeat(50_000) + "\"]}";
        String longId = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"" + "i".repeat(5_000) + "\"}";

        assertThat(codec.decode(utf8(ok))).isInstanceOf(Request.class);
        for (String frame : new String[] {longMethod, longParam}) {
            InvalidMessage m = assertInvalid(codec.decode(utf8(frame)), ErrorCodes.INVALID_REQUEST, Id.of(1));
            assertThat(m.error().message())
                    .isEqualTo("Invalid Request: a string longer than Limits.maxStringLength (1000 characters)");
        }
        assertInvalid(codec.decode(utf8(longId)), ErrorCodes.INVALID_REQUEST, Id.NULL);
    }

    @Test
    void aBatchOverMaxBatchSizeIsOneInvalidRequestNamingTheLimit() {
        JsonCodec codec = JsonCodec.builder()
                .limits(Limits.builder().maxBatchSize(3).build())
                .build();
        String member = "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}";

        Message three = codec.decode(utf8("[" + member + "," + member + "," + member + "]"));
        Message four = codec.decode(utf8("[" + member + "," + member + "," + member + "," + member + "]"));

        assertThat(((Batch) three).members()).hasSize(3);
        assertThat(assertInvalid(four, ErrorCodes.INVALID_REQUEST, Id.NULL)
                        .error()
                        .message())
                .isEqualTo("Invalid Request: batch has more members than Limits.maxBatchSize (3)");
    }

    // ------------------------------------------------------------------------- -32600 invalid requests

    @Test
    void duplicateMembersAreAnInvalidRequestNamingTheMember() {
        InvalidMessage inEnvelope = assertInvalid(
                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\",\"id\":1}")),
                ErrorCodes.INVALID_REQUEST,
                Id.NULL);
        InvalidMessage afterId = assertInvalid(
                STRICT.decode(utf8("{\"id\":1,\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\"}")),
                ErrorCodes.INVALID_REQUEST,
                Id.of(1));
        InvalidMessage inParams = assertInvalid(
                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"a\",\"params\":{\"x\":1,\"x\":2}}")),
                ErrorCodes.INVALID_REQUEST,
                Id.of(7));

        assertThat(inEnvelope.error().message()).isEqualTo("Invalid Request: duplicate member 'method'");
        assertThat(afterId.error().message()).isEqualTo("Invalid Request: duplicate member 'id'");
        assertThat(inParams.error().message()).isEqualTo("Invalid Request: duplicate member 'x'");
    }

    @Test
    void anEmptyBatchIsAnInvalidRequest() {
        InvalidMessage m = assertInvalid(STRICT.decode(utf8("[]")), ErrorCodes.INVALID_REQUEST, Id.NULL);

        assertThat(m.error().message()).isEqualTo("Invalid Request: empty batch");
    }

    @Test
    void aBatchOfNonObjectsHoldsOneInvalidRequestPerMemberInOrder() {
        Message m = STRICT.decode(utf8("[1,2,3]"));

        assertThat(((Batch) m).members())
                .hasSize(3)
                .allSatisfy(member -> assertThat(assertInvalid(member, ErrorCodes.INVALID_REQUEST, Id.NULL)
                                .error()
                                .message())
                        .isEqualTo("Invalid Request: a batch member must be an object"));
    }

    @Test
    void aBatchKeepsValidAndInvalidMembersInTheirOrder() {
        Message m = STRICT.decode(utf8("[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}, [1], \"x\", null,"
                + " {\"jsonrpc\":\"2.0\",\"method\":2,\"id\":2}, {\"jsonrpc\":\"2.0\",\"method\":\"b\"}]"));

        var members = ((Batch) m).members();
        assertThat(members).hasSize(6);
        assertThat(members.get(0)).isEqualTo(new Request(Id.of(1), "a", null));
        assertInvalid(members.get(1), ErrorCodes.INVALID_REQUEST, Id.NULL);
        assertInvalid(members.get(2), ErrorCodes.INVALID_REQUEST, Id.NULL);
        assertInvalid(members.get(3), ErrorCodes.INVALID_REQUEST, Id.NULL);
        assertInvalid(members.get(4), ErrorCodes.INVALID_REQUEST, Id.of(2));
        assertThat(members.get(5)).isInstanceOf(dev.junction.message.Notification.class);
    }

    @Test
    void anInvalidAnswerInsideABatchIsMarkedAsAResponse() {
        Message m = STRICT.decode(utf8("[{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":\"x\",\"message\":\"m\"},\"id\":2}]"));

        var members = ((Batch) m).members();
        assertThat(members.get(0)).isInstanceOf(Response.class);
        assertThat(assertInvalid(members.get(1), ErrorCodes.INVALID_REQUEST, Id.of(2))
                        .wasResponse())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "-2.5", "\"a string\"", "true", "false", "null"})
    void aTopLevelScalarIsAnInvalidRequest(String frame) {
        InvalidMessage m = assertInvalid(STRICT.decode(utf8(frame)), ErrorCodes.INVALID_REQUEST, Id.NULL);

        assertThat(m.error().message()).startsWith("Invalid Request: a message must be an object or an array, not a ");
    }

    @Test
    void aMethodThatIsNotAStringIsAnInvalidRequestKeepingTheId() {
        InvalidMessage m = assertInvalid(
                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":1,\"id\":5}")),
                ErrorCodes.INVALID_REQUEST,
                Id.of(5));

        assertThat(m.error().message()).isEqualTo("Invalid Request: method must be a string");
        assertThat(m.wasResponse()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"bar\"", "1", "true"})
    void paramsThatAreNeitherArrayNorObjectAreAnInvalidRequest(String params) {
        for (JsonCodec codec : new JsonCodec[] {STRICT, LENIENT}) {
            InvalidMessage m = assertInvalid(
                    codec.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + ",\"id\":\"q\"}")),
                    ErrorCodes.INVALID_REQUEST,
                    Id.of("q"));
            assertThat(m.error().message()).isEqualTo("Invalid Request: params must be an array or an object");
        }
    }

    @Test
    void nullParamsAreInvalidInStrictButMeanNoParamsInLenient() {
        byte[] frame = utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":null,\"id\":1}");

        assertInvalid(STRICT.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(1));
        assertThat(LENIENT.decode(frame)).isEqualTo(new Request(Id.of(1), "m", null));
    }

    @Test
    void anObjectWithoutMethodResultOrErrorIsAnInvalidRequest() {
        InvalidMessage m =
                assertInvalid(STRICT.decode(utf8("{\"foo\": \"boo\"}")), ErrorCodes.INVALID_REQUEST, Id.NULL);

        assertThat(m.error().message()).isEqualTo("Invalid Request: missing \"jsonrpc\": \"2.0\"");
        assertThat(assertInvalid(
                                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"id\":4}")),
                                ErrorCodes.INVALID_REQUEST,
                                Id.of(4))
                        .error()
                        .message())
                .isEqualTo("Invalid Request: method is missing");
    }

    @Test
    void aVersionOtherThan20IsRefusedByStrictAndLenient() {
        for (String version : new String[] {"\"1.0\"", "2.0", "\"2.00\"", "null", "[\"2.0\"]"}) {
            byte[] frame = utf8("{\"jsonrpc\":" + version + ",\"method\":\"m\",\"id\":1}");
            for (JsonCodec codec : new JsonCodec[] {STRICT, LENIENT}) {
                assertThat(assertInvalid(codec.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(1))
                                .error()
                                .message())
                        .isEqualTo("Invalid Request: jsonrpc must be \"2.0\"");
            }
        }
    }

    @Test
    void aMissingVersionIsRefusedByStrictButAcceptedByLenient() {
        byte[] frame = utf8("{\"method\":\"m\",\"id\":1}");

        assertThat(assertInvalid(STRICT.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(1))
                        .error()
                        .message())
                .isEqualTo("Invalid Request: missing \"jsonrpc\": \"2.0\"");
        assertThat(LENIENT.decode(frame)).isEqualTo(new Request(Id.of(1), "m", null));
    }

    // ------------------------------------------------------------------------- invalid answers

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-32601.0", "-3.2601e4"})
    void anIntegralFloatErrorCodeIsRefusedByStrictButAcceptedByLenient(String code) {
        byte[] frame = utf8(
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"Method not found\"},\"id\":9}");

        InvalidMessage strict = assertInvalid(STRICT.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(9));
        Message lenient = LENIENT.decode(frame);

        assertThat(strict.error().message()).isEqualTo("Invalid Request: error code must be an integer");
        assertThat(strict.wasResponse()).isTrue();
        assertThat(((Response) lenient).error().code()).isEqualTo(-32601);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-32601.5", "\"-32601\"", "null", "true", "{}", "4294967296"})
    void anErrorCodeThatIsNotAnIntegerIsRefusedByBothDialects(String code) {
        byte[] frame = utf8("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"x\"},\"id\":9}");

        for (JsonCodec codec : new JsonCodec[] {STRICT, LENIENT}) {
            InvalidMessage m = assertInvalid(codec.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(9));
            assertThat(m.error().message()).isEqualTo("Invalid Request: error code must be an integer");
            assertThat(m.wasResponse()).isTrue();
        }
    }

    @Test
    void anErrorWithoutAStringMessageOrThatIsNotAnObjectIsAnInvalidAnswer() {
        String[][] cases = {
            {"{\"code\":1}", "Invalid Request: error message is missing"},
            {"{\"code\":1,\"message\":2}", "Invalid Request: error message must be a string"},
            {"{\"message\":\"m\"}", "Invalid Request: error code is missing"},
            {"\"boom\"", "Invalid Request: error must be an object"},
            {"null", "Invalid Request: error must be an object"}
        };
        for (String[] c : cases) {
            byte[] frame = utf8("{\"jsonrpc\":\"2.0\",\"error\":" + c[0] + ",\"id\":9}");
            InvalidMessage m = assertInvalid(STRICT.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(9));
            assertThat(m.error().message()).as(c[0]).isEqualTo(c[1]);
            assertThat(m.wasResponse()).isTrue();
        }
    }

    @Test
    void aResponseWithBothResultAndErrorIsRefusedByStrict() {
        byte[] withNullResult =
                utf8("{\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-32601,\"message\":\"m\"},\"id\":1}");
        byte[] withResult =
                utf8("{\"jsonrpc\":\"2.0\",\"result\":5,\"error\":{\"code\":-32601,\"message\":\"m\"},\"id\":1}");

        for (byte[] frame : new byte[][] {withNullResult, withResult}) {
            InvalidMessage m = assertInvalid(STRICT.decode(frame), ErrorCodes.INVALID_REQUEST, Id.of(1));
            assertThat(m.error().message()).isEqualTo("Invalid Request: a response cannot have both result and error");
            assertThat(m.wasResponse()).isTrue();
        }
    }

    @Test
    void lenientAcceptsAnErrorBesideANullResultButNotBesideARealOne() {
        Message withNullResult = LENIENT.decode(utf8(
                "{\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-32601," + "\"message\":\"m\"},\"id\":1}"));
        Message withResult = LENIENT.decode(
                utf8("{\"jsonrpc\":\"2.0\",\"result\":5,\"error\":{\"code\":-32601," + "\"message\":\"m\"},\"id\":1}"));
        Message withNullError = LENIENT.decode(utf8("{\"jsonrpc\":\"2.0\",\"result\":5,\"error\":null,\"id\":1}"));

        assertThat(withNullResult)
                .isEqualTo(Response.failure(Id.of(1), dev.junction.message.ErrorObject.of(-32601, "m")));
        assertInvalid(withResult, ErrorCodes.INVALID_REQUEST, Id.of(1));
        assertThat(withNullError)
                .isEqualTo(Response.success(Id.of(1), com.fasterxml.jackson.databind.node.IntNode.valueOf(5)));
    }

    @Test
    void aResponseWithoutAnIdOrWithAMethodIsAnInvalidAnswer() {
        InvalidMessage noId = assertInvalid(
                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"result\":1}")), ErrorCodes.INVALID_REQUEST, Id.NULL);
        InvalidMessage both = assertInvalid(
                STRICT.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"result\":1,\"id\":3}")),
                ErrorCodes.INVALID_REQUEST,
                Id.of(3));

        assertThat(noId.error().message()).isEqualTo("Invalid Request: a response must have an id");
        assertThat(noId.wasResponse()).isTrue();
        assertThat(both.error().message())
                .isEqualTo("Invalid Request: a message cannot have both method and result or error");
        assertThat(both.wasResponse()).isTrue();
    }
}
