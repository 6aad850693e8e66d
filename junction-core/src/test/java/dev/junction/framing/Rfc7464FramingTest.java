package dev.junction.framing;

import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Rfc7464FramingTest extends AbstractFramingTest {
    private static final String RS = "\u001e";

    @Override
    Framing framing() {
        return Framings.rfc7464();
    }

    @Override
    byte[] golden() {
        return utf8("\u001e{\"a\":1}\n");
    }

    @Override
    String expectedName() {
        return "rfc7464";
    }

    @Test
    void a_pretty_printed_text_as_jq_seq_writes_it_is_one_frame() {
        String pretty = "{\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"sum\",\n  \"params\": [\n    1,\n    2\n  ],\n"
                + "  \"s\": \"}\\n{\",\n  \"id\": 1\n}";
        String second = "[\n  {\n    \"a\": 1\n  }\n]";
        RecordingSink sink =
                decodeEveryWay(framing(), LARGE, utf8(RS + pretty + "\n" + RS + second + "\n" + RS + "{}\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly(pretty, second, "{}");
    }

    @Test
    void top_level_scalars_end_at_whitespace_or_the_next_record_separator() {
        RecordingSink sink = decodeEveryWay(
                framing(),
                LARGE,
                utf8(RS + "123\n" + RS + "\"a \\\" }\"\n" + RS + " true \n" + RS + "-4.5e3" + RS + "null\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("123", "\"a \\\" }\"", "true", "-4.5e3", "null");
    }

    @Test
    void bytes_before_the_first_record_separator_are_skipped() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("garbage {\"x\":1}\n" + RS + "{\"a\":1}\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}");
    }

    @Test
    void a_text_ended_by_the_next_record_separator_instead_of_a_line_feed_is_accepted() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8(RS + "{\"a\":1}  " + RS + RS + "{\"b\":2}\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void a_record_separator_inside_a_value_reports_a_truncated_text_and_starts_the_next() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8(RS + "{\"a\":[1," + RS + "{\"b\":2}\n"));
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.MALFORMED);
            assertThat(e.isFatal()).isFalse();
            assertThat(e.getMessage()).contains("truncated");
        });
        assertThat(sink.texts()).containsExactly("{\"b\":2}");
    }

    @Test
    void something_other_than_whitespace_after_a_value_is_refused_and_the_next_text_decodes() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8(RS + "{\"a\":1}x\n" + RS + "[1]\n"));
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.MALFORMED);
            assertThat(e.isFatal()).isFalse();
        });
        assertThat(sink.texts()).containsExactly("[1]");
    }

    @Test
    void an_oversize_text_is_skipped_to_the_next_record_separator() {
        String big = "{\n  \"s\": \"" + "}".repeat(200) + "\"\n}";
        RecordingSink sink = decodeEveryWay(framing(), SMALL, utf8(RS + big + "\n" + RS + "{\"a\":1}\n"));
        assertThat(sink.errors()).extracting(FramingException::kind).containsExactly(FramingException.Kind.OVERSIZE);
        assertThat(sink.texts()).containsExactly("{\"a\":1}");
    }

    @Test
    void a_payload_holding_a_record_separator_cannot_be_encoded() {
        assertThatThrownBy(() -> encode(framing(), utf8("{\"a\":\"" + RS + "\"}")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("0x1E");
    }

    @Test
    void a_complete_value_without_its_line_feed_at_end_of_stream_is_TRUNCATED() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink()
                .feed(d, utf8(RS + "{}\n" + RS + "{\"a\":1}"))
                .end(d);
        assertThat(sink.texts()).containsExactly("{}");
        assertThat(sink.errors()).extracting(FramingException::kind).containsExactly(FramingException.Kind.TRUNCATED);
    }
}
