package dev.junction.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /**
     * The index of the first byte of the first invalid or truncated sequence in {@code b[offset,
     * offset + length)}, or -1 when all of it is well-formed UTF-8.
     */
    static int firstInvalid(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c < 0xC2) {
                return i; // a continuation byte where a sequence should start, or an overlong 2-byte form
            }
            if (c < 0xE0) {
                if (i + 1 >= end || !isContinuation(b[i + 1])) {
                    return i;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= end) {
                    return i;
                }
                int c1 = b[i + 1] & 0xFF;
                boolean ok = c == 0xE0
                        ? c1 >= 0xA0 && c1 <= 0xBF // no overlong forms
                        : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F : (c1 & 0xC0) == 0x80; // no surrogates
                if (!ok || !isContinuation(b[i + 2])) {
                    return i;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= end) {
                    return i;
                }
                int c1 = b[i + 1] & 0xFF;
                boolean ok = c == 0xF0
                        ? c1 >= 0x90 && c1 <= 0xBF // no overlong forms
                        : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : (c1 & 0xC0) == 0x80; // nothing above U+10FFFF
                if (!ok || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])) {
                    return i;
                }
                i += 4;
            } else {
                return i;
            }
        }
        return -1;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
