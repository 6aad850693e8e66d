package dev.junction.framing;

import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TerminatorFramingTest extends AbstractFramingTest {
    @Override
    Framing framing() {
        return Framings.terminator((byte) 0x04);
    }

    @Override
    byte[] golden() {
        return utf8("{\"a\":1}\u0004");
    }

    @Override
    String expectedName() {
        return "terminator";
    }

    @Test
    void a_payload_holding_the_terminator_cannot_be_encoded() {
        assertThatThrownBy(() -> encode(framing(), utf8("{\"a\":\"\u0004\"}")))
                .isInstanceOfSatisfying(
                        FramingException.class, e -> assertThat(e.kind()).isEqualTo(FramingException.Kind.MALFORMED))
                .hasMessageContaining("0x04");
    }

    @Test
    void empty_frames_are_skipped_and_nothing_is_stripped() {
        RecordingSink sink = decodeEveryWay(framing(), LARGE, utf8("\u0004\u0004{\"a\":1}\r\u0004 \u0004\n[]\u0004"));
        assertThat(sink.errors()).isEmpty();
        assertThat(sink.texts()).containsExactly("{\"a\":1}\r", " ", "\n[]");
    }

    @Test
    void any_byte_can_be_the_terminator() {
        Framing nul = Framings.terminator((byte) 0);
        byte[] stream = encode(nul, utf8("{\"a\":1}"), utf8("[\n]"));
        assertThat(stream).containsExactly(utf8("{\"a\":1}\u0000[\n]\u0000"));
        assertThat(decodeEveryWay(nul, LARGE, stream).texts()).containsExactly("{\"a\":1}", "[\n]");
    }

    @Test
    void a_frame_of_exactly_the_limit_before_its_terminator_is_accepted_and_one_byte_more_is_refused_at_once() {
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink()
                .feedInChunks(d, encode(framing(), payloadOfSize(SMALL)), 1)
                .feedInChunks(d, encode(framing(), payloadOfSize(SMALL + 1)), 1);
        assertThat(sink.frames()).hasSize(1);
        assertThat(sink.errorEvents()).singleElement().satisfies(e -> {
            assertThat(e.fedBytes()).isEqualTo(SMALL + 1 + SMALL + 1);
            assertThat(e.error().kind()).isEqualTo(FramingException.Kind.OVERSIZE);
        });
    }

    @Test
    void terminators_are_equal_when_their_bytes_are() {
        assertThat(Framings.terminator((byte) 4)).isEqualTo(new TerminatorFraming((byte) 4));
        assertThat(Framings.terminator((byte) 4)).isNotEqualTo(Framings.terminator((byte) 5));
        assertThat(new TerminatorFraming((byte) 0x1e).terminator()).isEqualTo((byte) 0x1e);
    }
}
