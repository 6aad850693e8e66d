package dev.junction.framing;

import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetstringFramingTest extends AbstractFramingTest {
    private static final FramingException.Kind MALFORMED = FramingException.Kind.MALFORMED;

    @Override
    Framing framing() {
        return Framings.netstring();
    }

    @Override
    byte[] golden() {
        return utf8("7:{\"a\":1},");
    }

    @Override
    String expectedName() {
        return "netstring";
    }

    @Test
    void a_non_digit_in_the_length_is_fatal() {
        assertThat(assertFatal(framing(), utf8("x:{},"), MALFORMED).getMessage())
                .contains("0x78 ('x')");
        assertFatal(framing(), utf8("1x:{},"), MALFORMED);
        assertFatal(framing(), utf8("-2:{},"), MALFORMED);
        assertFatal(framing(), utf8(" 2:{},"), MALFORMED);
        assertFatal(framing(), utf8(":{},"), MALFORMED);
    }

    @Test
    void a_length_with_a_leading_zero_is_fatal() {
        assertThat(assertFatal(framing(), utf8("07:{\"a\":1},"), MALFORMED).getMessage())
                .contains("0");
        assertFatal(framing(), utf8("00:,"), MALFORMED);
    }

    @Test
    void a_length_of_more_than_ten_digits_is_fatal() {
        assertFatal(framing(), utf8("12345678901:"), MALFORMED);
    }

    @Test
    void a_missing_comma_is_fatal() {
        assertThat(assertFatal(framing(), utf8("7:{\"a\":1}x2:{},"), MALFORMED).getMessage())
                .contains("','");
    }

    @Test
    void a_fatal_error_drops_everything_after_it() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink()
                .feed(d, utf8("2:{},x"))
                .feed(d, utf8("2:{},"))
                .end(d);
        assertThat(sink.texts()).containsExactly("{}");
        assertThat(sink.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.isFatal()).isTrue());
    }

    @Test
    void a_zero_length_netstring_is_an_empty_frame() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("0:,2:{},"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("", "{}");
    }

    @Test
    void an_oversize_length_is_refused_as_soon_as_its_colon_arrives() {
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feed(d, utf8("100:"));
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.OVERSIZE);
            assertThat(e.isFatal()).isFalse();
            assertThat(e.getMessage()).contains("100 bytes").contains("Limits.maxFrameBytes");
        });
        sink.feed(d, utf8("x".repeat(100) + ",2:[],")).end(d);
        assertThat(sink.texts()).containsExactly("[]");
        assertThat(sink.errors()).hasSize(1);
    }

    @Test
    void an_oversize_payload_is_skipped_exactly_and_its_comma_checked() {
        RecordingSink ok = decodeEveryWay(framing(), 4, utf8("9:,,,,,,,,,,1:a,"));
        assertThat(ok.texts()).containsExactly("a");
        assertThat(ok.errors()).extracting(FramingException::kind).containsExactly(FramingException.Kind.OVERSIZE);

        RecordingSink bad = decodeEveryWay(framing(), 4, utf8("9:123456789x1:a,"));
        assertThat(bad.frames()).isEmpty();
        assertThat(bad.errors())
                .extracting(FramingException::kind, FramingException::isFatal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FramingException.Kind.OVERSIZE, false),
                        org.assertj.core.groups.Tuple.tuple(MALFORMED, true));
    }

    @Test
    void a_ten_digit_length_over_the_limit_is_oversize_not_malformed() {
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feed(d, utf8("9999999999:abc")).end(d);
        assertThat(sink.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FramingException.Kind.OVERSIZE);
            assertThat(e.getMessage()).contains("9999999999");
        });
    }
}
