package dev.junction.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of "plain" JSON string content: printable ASCII (0x20 to 0x7F) other than {@code "}
 * and {@code \}, which JSON writes as it is, unescaped, and which UTF-8 and Latin-1 encode alike.
 * Eight bytes at a time.
 */
final class PlainAscii {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private PlainAscii() {}

    /** The index of the first byte in {@code b[from, to)} that is not plain, or {@code to}. */
    static int end(byte[] b, int from, int to) {
        return end(b, from, to, '"');
    }

    /** As {@link #end(byte[], int, int)}, also stopping at every {@code stop} byte (an ASCII character). */
    static int end(byte[] b, int from, int to, char stop) {
        long stops = ONES * stop;
        int i = from;
        while (i + 8 <= to && isPlain((long) LONGS.get(b, i), stops)) {
            i += 8;
        }
        while (i < to && isPlain(b[i]) && b[i] != stop) {
            i++;
        }
        return i;
    }

    private static boolean isPlain(long x, long stops) {
        long special = hasZero(x ^ QUOTES) | hasZero(x ^ BACKSLASHES) | hasZero(x ^ stops) | ((x - SPACES) & ~x) | x;
        return (special & HIGH_BITS) == 0;
    }

    private static long hasZero(long v) {
        return (v - ONES) & ~v;
    }

    private static boolean isPlain(byte c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }
}
