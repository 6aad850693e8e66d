package dev.junction.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoders' byte search (eight bytes at a time) finds what a byte-by-byte loop finds. */
class IndexOfTest {
    @Test
    void findsTheFirstOccurrenceAtEveryPositionAndRange() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] a = new byte[random.nextInt(70)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (random.nextInt(4) == 0 ? '\n' : random.nextInt(256));
            }
            byte b = random.nextBoolean() ? (byte) '\n' : (byte) random.nextInt(256);
            int from = a.length == 0 ? 0 : random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);

            assertThat(AbstractFrameDecoder.indexOf(a, from, to, b)).isEqualTo(naive(a, from, to, b));
        }
    }

    @Test
    void findsBytesWithTheHighBitSetAndZero() {
        byte[] a = new byte[40];
        for (int at = 0; at < a.length; at++) {
            for (byte b : new byte[] {(byte) 0x80, (byte) 0xFF, 0, 1, (byte) 0x7F}) {
                java.util.Arrays.fill(a, (byte) (b == 1 ? 2 : 1));
                a[at] = b;
                assertThat(AbstractFrameDecoder.indexOf(a, 0, a.length, b)).isEqualTo(at);
            }
        }
    }

    private static int naive(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
