package dev.junction.framing;

import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentLengthFramingTest extends AbstractFramingTest {
    private static final FramingException.Kind MALFORMED = FramingException.Kind.MALFORMED;

    @Override
    Framing framing() {
        return Framings.contentLength();
    }

    @Override
    byte[] golden() {
        return utf8("Content-Length: 7\r\n\r\n{\"a\":1}");
    }

    @Override
    String expectedName() {
        return "content-length";
    }

    @Test
    void header_names_are_case_insensitive_and_other_headers_are_ignored() {
        RecordingSink sink = decodeEveryWay(
                framing(),
                LARGE,
                utf8("content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:7\r\n\r\n{\"a\":1}"
                        + "Content-Length:   2  \r\nX-Other: a:b\r\n\r\n[]"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "[]");
    }

    @Test
    void bare_line_feeds_end_header_lines_too() {
        RecordingSink sink =
                decodeEveryWay(framing(), LARGE, utf8("Content-Length: 7\n\n{\"a\":1}Content-Length: 2\r\n\n{}"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}", "{}");
    }

    @Test
    void a_header_block_without_Content_Length_is_fatal() {
        assertThat(assertFatal(framing(), utf8("Content-Type: application/json\r\n\r\n{}"), MALFORMED)
                        .getMessage())
                .contains("Content-Length");
        assertFatal(framing(), utf8("\r\n{}"), MALFORMED);
    }

    @Test
    void a_Content_Length_that_is_not_a_decimal_number_is_fatal() {
        for (String value : new String[] {"abc", "-5", "+5", "7x", "", "0x10", "1 2", "9999999999999999999"}) {
            FramingException e =
                    assertFatal(framing(), utf8("Content-Length: " + value + "\r\n\r\n{\"a\":1}"), MALFORMED);
            assertThat(e.getMessage()).as(value).contains("Content-Length");
        }
    }

    @Test
    void two_Content_Length_headers_that_disagree_are_fatal_and_two_that_agree_are_fine() {
        assertFatal(framing(), utf8("Content-Length: 2\r\ncontent-length: 3\r\n\r\n{} "), MALFORMED);
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}"));
        assertThat(sink.texts()).containsExactly("{}");
    }

    @Test
    void a_header_line_without_a_colon_is_fatal() {
        assertFatal(framing(), utf8("Content-Length 2\r\n\r\n{}"), MALFORMED);
    }

    @Test
    void a_header_block_over_8_KiB_is_fatal_before_it_ends() {
        String padding = "X-Padding: " + "p".repeat(8 * 1024) + "\r\n";
        FramingException e = assertFatal(framing(), utf8(padding), MALFORMED);
        assertThat(e.getMessage()).contains("8192");
        RecordingSink ok = decodeEveryWay(
                framing(), LARGE, utf8("X-Padding: " + "p".repeat(8000) + "\r\nContent-Length: 2\r\n\r\n{}"));
        assertThat(ok.texts()).containsExactly("{}");
    }

    @Test
    void an_oversize_length_is_refused_when_the_header_block_ends_and_its_body_is_skipped() {
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feed(d, utf8("Content-Length: 100\r\n\r\n"));
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.OVERSIZE);
            assertThat(e.isFatal()).isFalse();
            assertThat(e.getMessage()).contains("100 bytes").contains("Limits.maxFrameBytes");
        });
        sink.feed(d, utf8("{" + "x".repeat(98) + "}Content-Length: 2\r\n\r\n[]"))
                .end(d);
        assertThat(sink.texts()).containsExactly("[]");
        assertThat(sink.errors()).hasSize(1);
    }

    @Test
    void a_zero_length_body_is_an_empty_frame() {
        RecordingSink sink =
                decodeEveryWay(framing(), LARGE, utf8("Content-Length: 0\r\n\r\nContent-Length: 2\r\n\r\n{}"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("", "{}");
    }
}
