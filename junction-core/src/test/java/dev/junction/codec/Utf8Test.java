package dev.junction.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void everyCodePointEncodedByTheJdkIsValid() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += (cp < 0x800 ? 1 : 7)) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                all.appendCodePoint(cp);
            }
        }
        all.appendCodePoint(0x10FFFF);
        byte[] b = all.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(-1);
    }

    @Test
    void theFirstBadSequenceIsReportedByItsIndexAfterLongAsciiRuns() {
        byte[] b = ("0123456789abcdefghij" + "\u00e9").getBytes(StandardCharsets.UTF_8);
        b[b.length - 1] = 0x41; // break the continuation byte of the e-acute

        assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(20);
        assertThat(Utf8.firstInvalid(b, 0, 20)).isEqualTo(-1);
    }

    @Test
    void overlongFormsSurrogatesAndCodePointsAboveTheMaximumAreInvalid() {
        assertThat(Utf8.firstInvalid(bytes(0xC0, 0xAF), 0, 2)).isZero();
        assertThat(Utf8.firstInvalid(bytes(0xE0, 0x9F, 0xBF), 0, 3)).isZero();
        assertThat(Utf8.firstInvalid(bytes(0xF0, 0x8F, 0xBF, 0xBF), 0, 4)).isZero();
        assertThat(Utf8.firstInvalid(bytes(0xED, 0xBF, 0xBF), 0, 3)).isZero();
        assertThat(Utf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80), 0, 4)).isZero();
        assertThat(Utf8.firstInvalid(bytes(0xF5, 0x80, 0x80, 0x80), 0, 4)).isZero();
    }

    @Test
    void aSequenceCutByTheEndOfTheRangeIsInvalid() {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.firstInvalid(euro, 0, 3)).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(euro, 0, 2)).isZero();
        assertThat(Utf8.firstInvalid(euro, 1, 2)).isEqualTo(1);
    }
}
