package dev.junction.framing;

import static dev.junction.framing.RecordingSink.concat;
import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every framing must do, run once per framing by a subclass that supplies the framing, the
 * golden bytes of the sample payload, and its own cases.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class AbstractFramingTest {
    /** A limit large enough for every ordinary case. */
    static final int LARGE = 1 << 20;

    /** The limit in the oversize cases. */
    static final int SMALL = 64;

    /** The framing under test. */
    abstract Framing framing();

    /** Exactly what the framing writes for {@link #sample()}. */
    abstract byte[] golden();

    /** Its name in URIs. */
    abstract String expectedName();

    /** The payload {@code {"a":1}} (BSON overrides it). */
    byte[] sample() {
        return utf8("{\"a\":1}");
    }

    /** Payloads that must survive a round trip, a stream, and every split. */
    List<byte[]> payloads() {
        return List.of(
                sample(),
                utf8("{}"),
                utf8("[]"),
                utf8("{\"name\":\"Zoë — 日本語 🎉\",\"x\":\"\\u00e9\"}"),
                utf8("{\"s\":\"}{][\\\"\",\"t\":\"\\\\\"}"),
                utf8("[1,{\"a\":[2,{\"b\":\"]\"}]},\"x\"]"),
                utf8("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,4],\"id\":\"1\"}"));
    }

    /** A payload of exactly {@code n} bytes (at least 8). */
    byte[] payloadOfSize(int n) {
        return utf8("{\"p\":\"" + "x".repeat(n - 8) + "\"}");
    }

    FrameDecoder decoder() {
        return framing().newDecoder(LARGE);
    }

    private byte[] stream() {
        return encode(framing(), payloads().toArray(byte[][]::new));
    }

    private List<String> expectedTexts() {
        return payloads().stream().map(AbstractFramingTest::text).toList();
    }

    static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(AbstractFramingTest::text).toList();
    }

    @Test
    void its_name_is_the_one_used_in_URIs() {
        assertThat(framing().name()).isEqualTo(expectedName());
    }

    @Test
    void encoding_the_sample_gives_exactly_the_golden_bytes() {
        assertThat(encode(framing(), sample())).containsExactly(golden());
    }

    @Test
    void decoding_the_golden_bytes_gives_the_sample() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, golden()).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(texts(sink.frames())).containsExactly(text(sample()));
    }

    @Test
    void every_payload_survives_a_round_trip() {
        for (byte[] p : payloads()) {
            FrameDecoder d = decoder();
            RecordingSink sink =
                    new RecordingSink().feed(d, encode(framing(), p)).end(d);
            assertThat(sink.errors()).as(text(p)).isEmpty();
            assertThat(texts(sink.frames())).as(text(p)).containsExactly(text(p));
        }
    }

    @Test
    void a_stream_of_frames_fed_whole_gives_every_frame_in_order() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, stream()).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(texts(sink.frames())).hasSize(payloads().size()).containsExactlyElementsOf(expectedTexts());
    }

    @Test
    void a_stream_of_frames_fed_one_byte_at_a_time_gives_the_same_frames() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feedInChunks(d, stream(), 1).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(texts(sink.frames())).containsExactlyElementsOf(expectedTexts());
    }

    @Test
    void a_stream_of_frames_split_in_two_at_every_position_gives_the_same_frames() {
        byte[] stream = stream();
        for (int split = 0; split <= stream.length; split++) {
            FrameDecoder d = decoder();
            RecordingSink sink = new RecordingSink();
            sink.feed(d, ByteBuffer.wrap(stream, 0, split).slice());
            sink.feed(d, ByteBuffer.wrap(stream, split, stream.length - split).slice());
            sink.end(d);
            assertThat(sink.errors()).as("split at %d", split).isEmpty();
            assertThat(texts(sink.frames())).as("split at %d", split).containsExactlyElementsOf(expectedTexts());
        }
    }

    @Test
    void a_stream_split_in_three_at_many_positions_gives_the_same_frames() {
        byte[] stream = stream();
        for (int first = 0; first <= stream.length; first += 3) {
            for (int second = first; second <= stream.length; second += 5) {
                FrameDecoder d = decoder();
                RecordingSink sink = new RecordingSink();
                sink.feed(d, ByteBuffer.wrap(stream, 0, first).slice());
                sink.feed(d, ByteBuffer.wrap(stream, first, second - first).slice());
                sink.feed(
                        d,
                        ByteBuffer.wrap(stream, second, stream.length - second).slice());
                sink.end(d);
                assertThat(sink.errors()).as("splits %d %d", first, second).isEmpty();
                assertThat(texts(sink.frames()))
                        .as("splits %d %d", first, second)
                        .containsExactlyElementsOf(expectedTexts());
            }
        }
    }

    @Test
    void direct_and_read_only_buffers_give_the_same_frames() {
        byte[] stream = stream();
        for (int chunk : new int[] {1, 7, stream.length}) {
            FrameDecoder direct = decoder();
            FrameDecoder readOnly = decoder();
            RecordingSink a = new RecordingSink();
            RecordingSink b = new RecordingSink();
            for (int i = 0; i < stream.length; i += chunk) {
                int n = Math.min(chunk, stream.length - i);
                ByteBuffer buf = ByteBuffer.allocateDirect(n).put(stream, i, n).flip();
                a.feed(direct, buf);
                b.feed(readOnly, ByteBuffer.wrap(stream, i, n).asReadOnlyBuffer());
            }
            a.end(direct);
            b.end(readOnly);
            assertThat(a.errors()).isEmpty();
            assertThat(texts(a.frames())).as("direct, chunk %d", chunk).containsExactlyElementsOf(expectedTexts());
            assertThat(b.errors()).isEmpty();
            assertThat(texts(b.frames())).as("read-only, chunk %d", chunk).containsExactlyElementsOf(expectedTexts());
        }
    }

    @Test
    void a_buffer_that_is_a_window_on_a_larger_array_is_read_from_its_position_to_its_limit() {
        byte[] stream = stream();
        byte[] padded = concat(utf8("JUNK"), stream, utf8("MORE JUNK"));
        ByteBuffer window = ByteBuffer.wrap(padded, 4, stream.length);
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, window).end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(texts(sink.frames())).containsExactlyElementsOf(expectedTexts());
        assertThat(window.position()).isEqualTo(4 + stream.length);
    }

    @Test
    void two_decoders_of_one_framing_do_not_share_state() {
        byte[] a = encode(framing(), sample());
        byte[] b = encode(framing(), payloads().get(3));
        FrameDecoder first = decoder();
        FrameDecoder second = decoder();
        RecordingSink one = new RecordingSink();
        RecordingSink two = new RecordingSink();
        int half = a.length / 2;
        one.feed(first, ByteBuffer.wrap(a, 0, half).slice());
        two.feed(second, b);
        one.feed(first, ByteBuffer.wrap(a, half, a.length - half).slice());
        assertThat(texts(one.frames())).containsExactly(text(sample()));
        assertThat(texts(two.frames())).containsExactly(text(payloads().get(3)));
    }

    @Test
    void a_frame_of_exactly_the_limit_is_accepted() {
        byte[] p = payloadOfSize(SMALL);
        assertThat(p).hasSize(SMALL);
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink()
                .feedInChunks(d, encode(framing(), p, sample()), 5)
                .end(d);
        assertThat(sink.errors()).isEmpty();
        assertThat(texts(sink.frames())).containsExactly(text(p), text(sample()));
    }

    @Test
    void a_frame_over_the_limit_is_refused_before_it_has_all_arrived_and_the_next_frame_decodes() {
        byte[] big = encode(framing(), payloadOfSize(SMALL * 4));
        byte[] stream = concat(big, encode(framing(), sample()));
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feedInChunks(d, stream, 1).end(d);

        assertThat(sink.errorEvents()).hasSize(1);
        RecordingSink.Event event = sink.errorEvents().get(0);
        assertThat(event.error().kind()).isEqualTo(FramingException.Kind.OVERSIZE);
        assertThat(event.error().isFatal()).isFalse();
        assertThat(event.error().getMessage()).contains("Limits.maxFrameBytes").contains(String.valueOf(SMALL));
        assertThat(event.fedBytes()).as("bytes fed when refused").isLessThanOrEqualTo(SMALL + 32);
        assertThat(texts(sink.frames())).containsExactly(text(sample()));
    }

    @Test
    void a_frame_over_the_limit_fed_whole_is_refused_and_the_next_frame_decodes() {
        byte[] stream = concat(
                encode(framing(), sample()),
                encode(framing(), payloadOfSize(SMALL + 1)),
                encode(framing(), payloads().get(1)));
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink = new RecordingSink().feed(d, stream).end(d);
        assertThat(sink.events).hasSize(3);
        assertThat(text(sink.events.get(0).frame())).isEqualTo(text(sample()));
        assertThat(sink.events.get(1).error().kind()).isEqualTo(FramingException.Kind.OVERSIZE);
        assertThat(sink.events.get(1).error().isFatal()).isFalse();
        assertThat(sink.events.get(1).error().getMessage()).contains("Limits.maxFrameBytes");
        assertThat(text(sink.events.get(2).frame())).isEqualTo(text(payloads().get(1)));
    }

    @Test
    void the_stream_ending_inside_a_frame_reports_TRUNCATED_wherever_it_is_cut() {
        byte[] whole = golden();
        for (int cut = 1; cut < whole.length; cut++) {
            FrameDecoder d = decoder();
            RecordingSink sink =
                    new RecordingSink().feed(d, ByteBuffer.wrap(whole, 0, cut).slice());
            assertThat(sink.events).as("before the end, cut at %d", cut).isEmpty();
            sink.end(d);
            assertThat(sink.frames()).as("cut at %d", cut).isEmpty();
            assertThat(sink.errors()).as("cut at %d", cut).hasSize(1);
            assertThat(sink.errors().get(0).kind()).as("cut at %d", cut).isEqualTo(FramingException.Kind.TRUNCATED);
        }
    }

    @Test
    void the_stream_ending_between_frames_reports_nothing_more() {
        FrameDecoder d = decoder();
        RecordingSink sink = new RecordingSink().feed(d, encode(framing(), sample(), sample()));
        int before = sink.events.size();
        sink.end(d);
        assertThat(before).isEqualTo(2);
        assertThat(sink.events).hasSize(2);
        assertThat(sink.errors()).isEmpty();
    }

    @Test
    void an_empty_buffer_changes_nothing() {
        FrameDecoder d = decoder();
        RecordingSink sink =
                new RecordingSink().feed(d, new byte[0]).feed(d, golden()).feed(d, new byte[0]);
        sink.end(d);
        assertThat(texts(sink.frames())).containsExactly(text(sample()));
        assertThat(sink.errors()).isEmpty();
    }

    @Test
    void a_decoder_needs_a_positive_limit() {
        assertThatThrownBy(() -> framing().newDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_framing_is_found_by_its_name() {
        Framing found = Framings.forName(expectedName(), Map.of());
        assertThat(found).isEqualTo(framing());
        assertThat(encode(found, sample())).containsExactly(golden());
    }

    /** Decodes {@code stream} fed whole, then at every split, and checks every way gives the same events. */
    static RecordingSink decodeEveryWay(Framing framing, int limit, byte[] stream) {
        FrameDecoder whole = framing.newDecoder(limit);
        RecordingSink expected = new RecordingSink().feed(whole, stream).end(whole);
        List<String> expectedEvents = describe(expected);
        for (int split = 0; split <= stream.length; split++) {
            FrameDecoder d = framing.newDecoder(limit);
            RecordingSink sink = new RecordingSink();
            sink.feed(d, ByteBuffer.wrap(stream, 0, split).slice());
            sink.feed(d, ByteBuffer.wrap(stream, split, stream.length - split).slice());
            sink.end(d);
            assertThat(describe(sink)).as("split at %d", split).isEqualTo(expectedEvents);
        }
        FrameDecoder bytewise = framing.newDecoder(limit);
        RecordingSink sink =
                new RecordingSink().feedInChunks(bytewise, stream, 1).end(bytewise);
        assertThat(describe(sink)).as("one byte at a time").isEqualTo(expectedEvents);
        return expected;
    }

    private static List<String> describe(RecordingSink sink) {
        List<String> out = new ArrayList<>();
        for (RecordingSink.Event e : sink.events) {
            out.add(
                    e.isFrame()
                            ? "frame " + text(e.frame())
                            : "error " + e.error().kind() + (e.error().isFatal() ? " fatal" : ""));
        }
        return out;
    }

    /** Asserts one fatal error of {@code kind} and no frame, fed whole and at every split. */
    static FramingException assertFatal(Framing framing, byte[] stream, FramingException.Kind kind) {
        RecordingSink sink = decodeEveryWay(framing, LARGE, stream);
        assertThat(sink.frames()).isEmpty();
        assertThat(sink.errors()).hasSize(1);
        FramingException e = sink.errors().get(0);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.isFatal()).isTrue();
        return e;
    }
}
