package dev.junction.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of "plain" JSON string content: printable ASCII (0x20 to 0x7F) other than {@code "}
 * and {@code \}, which JSON writes as it is, unescaped, and which UTF-8 and Latin-1 encode alike.
 * Eight bytes at a time.
 *
 * <p>For a word {@code x} whose bytes are all below 0x80, byte by byte: the high bit of {@code x +
 * 0x60} is set exactly when the byte is at least 0x20, and that of {@code (x ^ c) + 0x7F} exactly
 * when the byte is not {@code c}, with no carry between bytes. A byte of 0x80 or more clears its own
 * high bit through {@code ~x}; the carries it may cause only touch a word already found not plain.
 */
final class PlainAscii {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long TO_CONTROL = 0x6060606060606060L;

    private PlainAscii() {}

    /** The index of the first byte in {@code b[from, to)} that is not plain, or {@code to}. */
    static int end(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to && (plainBits((long) LONGS.get(b, i)) & HIGH_BITS) == HIGH_BITS) {
            i += 8;
        }
        return tail(b, i, to, '"');
    }

    /** As {@link #end(byte[], int, int)}, also stopping at every {@code stop} byte (an ASCII character). */
    static int end(byte[] b, int from, int to, char stop) {
        long stops = ONES * stop;
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i);
            if ((plainBits(x) & ((x ^ stops) + LOW_BITS) & HIGH_BITS) != HIGH_BITS) {
                break;
            }
            i += 8;
        }
        return tail(b, i, to, stop);
    }

    /** High bit of each byte set when the byte is plain (exact when no byte of the word is 0x80+). */
    private static long plainBits(long x) {
        return (x + TO_CONTROL) & ((x ^ QUOTES) + LOW_BITS) & ((x ^ BACKSLASHES) + LOW_BITS) & ~x;
    }

    private static int tail(byte[] b, int i, int to, char stop) {
        while (i < to && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\' && b[i] != stop) {
            i++;
        }
        return i;
    }
}
