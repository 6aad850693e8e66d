package dev.junction.framing;

import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramelessFramingTest extends AbstractFramingTest {
    private static final FramingException.Kind MALFORMED = FramingException.Kind.MALFORMED;

    @Override
    Framing framing() {
        return Framings.frameless();
    }

    @Override
    byte[] golden() {
        return utf8("{\"a\":1}");
    }

    @Override
    String expectedName() {
        return "frameless";
    }

    @Test
    void values_back_to_back_are_separate_frames() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("{\"a\":1}{\"b\":2}[3]"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "{\"b\":2}", "[3]");
    }

    @Test
    void whitespace_between_values_is_skipped() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("  \r\n{\"a\":1}\n\t [ 1 , 2 ]\r\n{}  \n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "[ 1 , 2 ]", "{}");
    }

    @Test
    void brackets_and_escaped_quotes_inside_strings_do_not_end_a_value() {
        String[] values = {
            "{\"s\":\"{\"}",
            "{\"s\":\"}\"}",
            "[\"[[[\",\"]\"]",
            "{\"s\":\"a \\\" } still a string\"}",
            "{\"s\":\"ends with a backslash \\\\\"}",
            "{\"s\":\"\\\\\\\"}\\\\\"}",
            "{\"k}\":{\"n\":[{\"x\":\"]}\"}]}}"
        };
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8(String.join("", values)));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly(values);
    }

    @Test
    void a_top_level_scalar_is_fatal() {
        assertThat(assertFatal(framing(), utf8("123"), MALFORMED).getMessage()).contains("0x31 ('1')");
        assertFatal(framing(), utf8("\"s\""), MALFORMED);
        assertFatal(framing(), utf8("null"), MALFORMED);
        assertFatal(framing(), utf8("}"), MALFORMED);
    }

    @Test
    void a_fatal_error_after_a_frame_keeps_the_frame_and_drops_what_follows() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("{\"a\":1} x {\"b\":2}"));
        assertThat(sink.texts()).containsExactly("{\"a\":1}");
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(MALFORMED);
            assertThat(e.isFatal()).isTrue();
        });
    }

    @Test
    void an_oversize_value_is_scanned_to_its_end_without_being_kept_and_the_next_value_decodes() {
        String big = "{\"s\":\"" + "}]\\\"{".repeat(100) + "\",\"n\":[[[{}]]]}";
        RecordingSink sink = decodeEveryWay(framing(), SMALL, utf8(big + " {\"a\":1}"));
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.OVERSIZE);
            assertThat(e.isFatal()).isFalse();
        });
        assertThat(sink.texts()).containsExactly("{\"a\":1}");
    }

    @Test
    void whitespace_alone_at_end_of_stream_is_not_truncated() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, utf8("{} \n ")).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{}");
    }

    @Test
    void a_payload_that_is_not_exactly_one_object_or_array_cannot_be_encoded() {
        for (String bad : new String[] {"123", "\"s\"", "", "  ", "{\"a\":1", "{}{}", "{} x"}) {
            assertThatThrownBy(() -> encode(framing(), utf8(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            FramingException.class, e -> assertThat(e.kind()).isEqualTo(MALFORMED));
        }
        assertThat(encode(framing(), utf8(" [1] \n"))).containsExactly(utf8(" [1] \n"));
    }
}
