package dev.junction.framing;

import static dev.junction.framing.RecordingSink.concat;
import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewlineFramingTest extends AbstractFramingTest {
    @Override
    Framing framing() {
        return Framings.newline();
    }

    @Override
    byte[] golden() {
        return utf8("{\"a\":1}\n");
    }

    @Override
    String expectedName() {
        return "newline";
    }

    @Test
    void a_payload_holding_a_raw_line_feed_cannot_be_encoded() {
        assertThatThrownBy(() -> encode(framing(), utf8("{\"a\":\n1}")))
                .isInstanceOfSatisfying(
                        FramingException.class, e -> assertThat(e.kind()).isEqualTo(FramingException.Kind.MALFORMED))
                .hasMessageContaining("line feed");
    }

    @Test
    void a_payload_ending_with_a_carriage_return_cannot_be_encoded() {
        assertThatThrownBy(() -> encode(framing(), utf8("{\"a\":1}\r"))).isInstanceOf(FramingException.class);
    }

    @Test
    void one_carriage_return_before_the_line_feed_is_stripped() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("{\"a\":1}\r\n{\"b\":2}\n{\"c\":\"\r\"}\r\r\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":\"\r\"}\r");
    }

    @Test
    void empty_and_blank_lines_are_skipped() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("\n\r\n  \t\n{\"a\":1}\n\n \r\n[2]\n\r\n"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "[2]");
    }

    @Test
    void a_line_of_exactly_the_limit_ended_by_CRLF_is_accepted() {
        byte[] p = payloadOfSize(SMALL);
        RecordingSink sink = decodeEveryWay(framing(), SMALL, concat(p, utf8("\r\n{}\n")));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly(text(p), "{}");
    }

    @Test
    void a_line_one_byte_over_the_limit_is_refused_when_its_byte_after_the_limit_arrives() {
        byte[] line = payloadOfSize(SMALL + 1);
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feedInChunks(d, concat(line, utf8("\n{}\n")), 1);
        assertThat(sink.errorEvents()).hasSize(1);
        assertThat(sink.errorEvents().get(0).fedBytes()).isEqualTo(SMALL + 1);
        assertThat(sink.errors().get(0).kind()).isEqualTo(FramingException.Kind.OVERSIZE);
        assertThat(sink.texts()).containsExactly("{}");
    }

    @Test
    void an_oversize_line_is_dropped_up_to_the_next_line_feed() {
        byte[] stream = concat(utf8("x".repeat(500)), utf8("\n{\"a\":1}\n"), utf8("y".repeat(200) + "\r\n[]\n"));
        RecordingSink sink = decodeEveryWay(framing(), SMALL, stream);
        assertThat(sink.errors())
                .extracting(FramingException::kind)
                .containsExactly(FramingException.Kind.OVERSIZE, FramingException.Kind.OVERSIZE);
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "[]");
    }

    @Test
    void a_blank_unterminated_last_line_is_not_an_error() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, utf8("{}\n \r")).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{}");
    }

    @Test
    void an_unterminated_last_line_is_TRUNCATED_not_delivered() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, utf8("{}\n{\"a\":1}")).end(d);
        assertThat(sink.texts()).containsExactly("{}");
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.TRUNCATED);
            assertThat(e.getMessage()).contains("newline");
        });
    }
}
