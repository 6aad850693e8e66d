package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.MAPPER;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.CodecException;
import dev.junction.Limits;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec's shortcuts for plain strings (made from the frame's bytes on decode, written as bytes
 * on encode) give exactly what Jackson's own string handling gives, wherever the string sits.
 */
class JsonCodecPlainStringTest {
    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final ObjectMapper SAME_AS_CODEC = new ObjectMapper(JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build());
    private static final String LONG = "abcdefghijklmnopqrstuvwxyz012345".repeat(100);

    static List<String> strings() {
        return List.of(
                "",
                "x",
                "hello",
                LONG,
                LONG + "?",
                "?" + LONG + "??",
                LONG + "\u4122" + LONG, // low byte 0x22, a quote
                LONG + "\u413f" + LONG, // low byte 0x3F, a question mark
                LONG + "\ud800" + LONG, // a lone surrogate
                LONG + "\ud83d\ude00" + LONG,
                LONG + "caf\u00e9",
                LONG + "\"quoted\"" + LONG,
                LONG + "back\\slash",
                LONG + "line\nfeed\ttab\u0001",
                LONG + "\u007f" + LONG);
    }

    @ParameterizedTest
    @MethodSource("strings")
    void encodedStringsAreTheBytesJacksonWritesAndDecodeBack(String s) throws Exception {
        Message request = new Request(
                Id.of(1),
                "echo",
                MAPPER.createArrayNode().add(s).add(MAPPER.createObjectNode().put("k", s)));
        String expected;
        try {
            expected = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + json(s) + ",{\"k\":" + json(s)
                    + "}],\"id\":1}";
        } catch (JsonProcessingException e) {
            assertThatThrownBy(() -> CODEC.encode(request)).isInstanceOf(CodecException.class);
            return;
        }
        byte[] frame = CODEC.encode(request);

        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo(expected);
        Request back = (Request) CODEC.decode(frame);
        assertThat(back.params()).isEqualTo(MAPPER.readTree(frame).get("params"));
    }

    /** As Jackson's generator, set up as the codec's, writes {@code s}. */
    private static String json(String s) throws Exception {
        return new String(SAME_AS_CODEC.writeValueAsBytes(s), StandardCharsets.UTF_8);
    }

    @Test
    void stringsEverywhereInAFrameDecodeAsTheMapperReadsThem() throws Exception {
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":\"" + LONG
                + "\",\"b\":[\"x\",\"y\\u0041\"," + "{\"c\":\"d\"},[\"e\"]],\"f\" : \"g\"},\"id\":\"i\"}";
        byte[] padded = pad(frame);

        Request r = (Request) CODEC.decode(padded, 7, frame.length());

        assertThat(r.params()).isEqualTo(MAPPER.readTree(frame).get("params"));
    }

    @Test
    void resultsAndErrorDataDecodeAsTheMapperReadsThem() throws Exception {
        String result = "{\"id\":3, \"result\" :  \"" + LONG + "\",\"jsonrpc\":\"2.0\"}";
        String error =
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"m\",\"data\":\"" + LONG + "\"},\"id\":3}";

        assertThat(((Response) CODEC.decode(utf8(result))).result()).isEqualTo(TextNode.valueOf(LONG));
        assertThat(((Response) CODEC.decode(utf8(error))).error().data()).isEqualTo(TextNode.valueOf(LONG));
    }

    @Test
    void aStringThatEndsAtTheFramesEndIsATruncatedFrameEvenWhenTheArrayGoesOn() {
        String frame = "{\"jsonrpc\":\"2.0\",\"result\":\"abc";
        byte[] bytes = utf8(frame + "def\"}");

        Message m = CODEC.decode(bytes, 0, frame.length());

        assertThat(m).isInstanceOf(InvalidMessage.class);
        assertThat(((InvalidMessage) m).error().message()).isEqualTo("Parse error: unexpected end of input");
    }

    /** Bad input around plain strings gets the answer Jackson's own string handling leads to. */
    @ParameterizedTest
    @MethodSource("badFrames")
    void badInputAfterAPlainStringIsAnsweredAsWithoutTheShortcut(String frame) {
        JacksonCodec withoutShortcut =
                JacksonCodec.builder("json", new JsonFactory()).binary(false).build();

        Message m = CODEC.decode(utf8(frame));

        assertThat(m).isInstanceOf(InvalidMessage.class);
        assertThat(((InvalidMessage) m).error())
                .isEqualTo(((InvalidMessage) withoutShortcut.decode(utf8(frame))).error());
    }

    static List<String> badFrames() {
        String head = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[\"" + LONG + "\"";
        return List.of(
                head + " x],\"id\":1}",
                head + ",],\"id\":1}",
                head + "],\"id\":1",
                head + ",\"tab\there\"],\"id\":1}",
                head + ",\"" + LONG + "\"]}\"",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":\"" + LONG + "\",\"a\":1},\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"result\":\"" + LONG + "\"\"x\",\"id\":1}");
    }

    @Test
    void aPlainStringOverTheLengthLimitIsRefusedAsBefore() {
        JsonCodec small = JsonCodec.builder()
                .limits(Limits.defaults().toBuilder().maxStringLength(100).build())
                .build();
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[\"" + "a".repeat(101) + "\"],\"id\":1}";

        Message m = small.decode(utf8(frame));

        assertThat(m).isInstanceOf(InvalidMessage.class);
        assertThat(((InvalidMessage) m).error().message()).contains("maxStringLength");
    }

    @Test
    void generatorsReusedAcrossMessagesAndThreadsWriteEachMessageAlone() throws Exception {
        JsonNode params = MAPPER.readTree("[\"" + LONG + "\"]");
        byte[] first = CODEC.encode(new Request(Id.of(1), "a", params));
        Thread t = new Thread(() -> CODEC.encode(new Request(Id.of(2), "b", params)));
        t.start();
        t.join();
        byte[] again = CODEC.encode(new Request(Id.of(1), "a", params));

        assertThat(again).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8))
                .startsWith("{\"jsonrpc\"")
                .endsWith("\"id\":1}");
    }

    private static byte[] pad(String frame) {
        byte[] b = utf8(frame);
        byte[] out = new byte[b.length + 14];
        Arrays.fill(out, (byte) '"');
        System.arraycopy(b, 0, out, 7, b.length);
        return out;
    }
}
