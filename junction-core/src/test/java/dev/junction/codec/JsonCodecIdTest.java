package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.assertInvalid;
import static dev.junction.codec.CodecTestSupport.text;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.junction.ErrorCodes;
import dev.junction.message.Id;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecIdTest {
    private static final JsonCodec CODEC = JsonCodec.standard();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "0",
                "-0",
                "7",
                "-1",
                "1023",
                "1024",
                "9007199254740993", // 2^53 + 1
                "9223372036854775807",
                "9223372036854775808", // 2^63
                "-9223372036854775809",
                "18446744073709551616", // 2^64
                "123456789012345678901234567890",
                "1.5",
                "1.50",
                "-0.0",
                "1e3",
                "1E+3",
                "-2.5e-7"
            })
    void aNumericIdKeepsItsExactTextThroughDecodeAndEncode(String id) {
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":" + id + "}";

        Message m = CODEC.decode(utf8(frame));

        assertThat(m).isInstanceOf(Request.class);
        Id decoded = ((Request) m).id();
        assertThat(decoded.isNumber()).isTrue();
        assertThat(decoded.text()).isEqualTo(id);
        assertThat(text(CODEC.encode(m))).isEqualTo(frame);
        assertThat(text(CODEC.encode(Response.success(decoded, IntNode.valueOf(1)))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":" + id + "}");
    }

    @Test
    void aNumericIdInAResponseKeepsItsExactText() {
        String frame = "{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":18446744073709551616}";

        Message m = CODEC.decode(utf8(frame));

        assertThat(((Response) m).id()).isEqualTo(Id.ofNumberText("18446744073709551616"));
        assertThat(text(CODEC.encode(m))).isEqualTo(frame);
    }

    @Test
    void aStringIdOfAHundredThousandCharactersSurvivesARoundTrip() {
        String id = "x".repeat(50_000) + "\u00e9".repeat(50_000);
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"" + id + "\"}";

        Message m = CODEC.decode(utf8(frame));

        assertThat(((Request) m).id()).isEqualTo(Id.of(id));
        assertThat(text(CODEC.encode(m))).isEqualTo(frame);
    }

    @Test
    void aStringIdThatLooksLikeANumberStaysAString() {
        Message m = CODEC.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"1\"}"));

        assertThat(((Request) m).id()).isEqualTo(Id.of("1")).isNotEqualTo(Id.of(1));
    }

    @Test
    void aStringIdWithEscapesIsUnescapedAndEscapedAgain() {
        Message m = CODEC.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"a\\\"b\\u00e9\\n\"}"));

        assertThat(((Request) m).id().text()).isEqualTo("a\"b\u00e9\n");
        assertThat(text(CODEC.encode(m)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"a\\\"b\u00e9\\n\"}");
    }

    @Test
    void aNullIdMakesARequestWithTheNullIdButAnAbsentIdMakesANotification() {
        Message withNull = CODEC.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":null}"));
        Message without = CODEC.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}"));

        assertThat(withNull).isEqualTo(new Request(Id.NULL, "m", null));
        assertThat(without).isEqualTo(new Notification("m", null));
        assertThat(text(CODEC.encode(withNull))).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":null}");
        assertThat(text(CODEC.encode(without))).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"true", "false", "{}", "{\"a\":1}", "[]", "[1]"})
    void anIdThatIsNotAStringNumberOrNullIsAnInvalidRequestWithTheNullId(String id) {
        Message m = CODEC.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":" + id + "}"));

        assertThat(assertInvalid(m, ErrorCodes.INVALID_REQUEST, Id.NULL).error().message())
                .isEqualTo("Invalid Request: id must be a string, a number or null");
    }
}
