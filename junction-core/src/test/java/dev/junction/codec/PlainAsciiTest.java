package dev.junction.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time plain check stops where a byte-by-byte loop stops. */
class PlainAsciiTest {
    @Test
    void stopsAtTheFirstByteThatIsNotPlain() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] a = new byte[random.nextInt(48)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (random.nextInt(10) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x60));
            }
            int from = a.length == 0 ? 0 : random.nextInt(a.length);

            assertThat(PlainAscii.end(a, from, a.length)).isEqualTo(naive(a, from, '"'));
            assertThat(PlainAscii.end(a, from, a.length, '?')).isEqualTo(naive(a, from, '?'));
        }
    }

    @Test
    void everyByteValueAtEveryPositionOfAWord() {
        byte[] a = new byte[24];
        for (int v = 0; v < 256; v++) {
            for (int at = 0; at < a.length; at++) {
                java.util.Arrays.fill(a, (byte) 'a');
                a[at] = (byte) v;
                boolean plain = v >= 0x20 && v < 0x80 && v != '"' && v != '\\';
                assertThat(PlainAscii.end(a, 0, a.length)).isEqualTo(plain ? a.length : at);
                assertThat(PlainAscii.end(a, 0, a.length, '?')).isEqualTo(plain && v != '?' ? a.length : at);
            }
        }
    }

    private static int naive(byte[] a, int from, char stop) {
        int i = from;
        while (i < a.length && a[i] >= 0x20 && a[i] != '"' && a[i] != '\\' && a[i] != stop) {
            i++;
        }
        return i;
    }
}
