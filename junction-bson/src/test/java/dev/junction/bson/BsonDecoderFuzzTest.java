package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.junction.Limits;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;

/**
 * Fuzzes the BSON decoder: whatever the bytes, {@link BsonCodec#decode} answers (never throws), an
 * invalid message carries -32700 or -32600, and whatever decodes re-encodes to bytes that decode and re-encode the same. In the normal test run
 * this replays the committed seeds under {@code BsonDecoderFuzzTestInputs/decode/} (regression
 * mode); to fuzz, run with {@code JAZZER_FUZZ=1} (it writes {@code .cifuzz-corpus/}, which is
 * ignored by git).
 */
class BsonDecoderFuzzTest {
    private static final BsonCodec CODEC = new BsonCodec(Limits.defaults().toBuilder()
            .maxNestingDepth(32)
            .maxStringLength(4096)
            .build());

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        Message m = CODEC.decode(input);
        assertThat(m).isNotNull();
        if (m instanceof InvalidMessage) {
            assertThat(((InvalidMessage) m).error().code()).isIn(-32700, -32600);
        } else {
            // Compared as bytes: some BSON values (a regex's Pattern) have no value equality.
            byte[] once = CODEC.encode(m);
            assertThat(CODEC.encode(CODEC.decode(once))).isEqualTo(once);
        }
    }
}
