package dev.junction.framing;

import static dev.junction.framing.RecordingSink.concat;
import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BsonLengthFramingTest extends AbstractFramingTest {
    /** {@code {"a": 1}} as BSON: length 12, int32 element "a" = 1, terminator. */
    private static final byte[] A_IS_1 = {0x0C, 0, 0, 0, 0x10, 'a', 0, 1, 0, 0, 0, 0};

    @Override
    Framing framing() {
        return Framings.bsonLength();
    }

    @Override
    byte[] golden() {
        return A_IS_1.clone();
    }

    @Override
    String expectedName() {
        return "bson";
    }

    @Override
    byte[] sample() {
        return A_IS_1.clone();
    }

    /** A document-shaped payload: the length prefix, {@code body}, a 0x00 terminator. */
    static byte[] document(byte[] body) {
        int n = body.length + 5;
        return concat(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)}, body, new byte[1]);
    }

    @Override
    List<byte[]> payloads() {
        return List.of(
                sample(),
                document(new byte[0]),
                document(utf8("\u0002s\u0000\u0007\u0000\u0000\u0000Zoë 🎉\u0000")),
                document(new byte[] {0x0C, 0, 0, 0, (byte) 0xFF, '{', '}', '\n', 0x1E, 0, 0, 0, 0}),
                document(utf8("x".repeat(300))));
    }

    @Override
    byte[] payloadOfSize(int n) {
        return document(utf8("d".repeat(n - 5)));
    }

    @Test
    void the_length_prefix_counts_itself_and_is_little_endian() {
        byte[] doc = document(utf8("y".repeat(0x1FB)));
        assertThat(doc).hasSize(0x200);
        assertThat(new byte[] {doc[0], doc[1], doc[2], doc[3]}).containsExactly(0, 2, 0, 0);
        RecordingSink sink = decodeEveryWay(framing(), LARGE, concat(doc, A_IS_1));
        assertThat(sink.frames()).hasSize(2);
        assertThat(sink.frames().get(0)).containsExactly(doc);
        assertThat(sink.frames().get(1)).containsExactly(A_IS_1);
    }

    @Test
    void a_length_under_5_is_fatal() {
        for (byte[] prefix : new byte[][] {{4, 0, 0, 0}, {0, 0, 0, 0}, {-1, -1, -1, -1}, {0, 0, 0, (byte) 0x80}}) {
            FramingException e = assertFatal(framing(), concat(prefix, A_IS_1), FramingException.Kind.MALFORMED);
            assertThat(e.getMessage()).contains("at least 5");
        }
    }

    @Test
    void an_oversize_length_is_refused_as_soon_as_the_prefix_arrives_and_the_rest_is_skipped() {
        byte[] big = payloadOfSize(1000);
        FrameDecoder d = framing().newDecoder(SMALL);
        RecordingSink sink =
                new RecordingSink().feedInChunks(d, concat(big, A_IS_1), 1).end(d);
        assertThat(sink.errorEvents()).singleElement().satisfies(e -> {
            assertThat(e.fedBytes()).isEqualTo(4);
            assertThat(e.error().kind()).isEqualTo(FramingException.Kind.OVERSIZE);
            assertThat(e.error().isFatal()).isFalse();
            assertThat(e.error().getMessage()).contains("1000 bytes").contains("Limits.maxFrameBytes");
        });
        assertThat(sink.frames()).singleElement().satisfies(f -> assertThat(f).containsExactly(A_IS_1));
    }

    @Test
    void a_payload_that_is_not_a_whole_document_cannot_be_encoded() {
        assertThatThrownBy(() -> encode(framing(), new byte[] {4, 0, 0, 0}))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("at least 5");
        assertThatThrownBy(() -> encode(framing(), new byte[] {12, 0, 0, 0, 0}))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("12");
        assertThatThrownBy(() -> encode(framing(), utf8("{\"a\":1}"))).isInstanceOf(FramingException.class);
    }
}
