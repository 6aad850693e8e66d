package dev.junction.framing;

import java.util.Arrays;

/**
 * The body of a frame whose length is known before it arrives: filled straight into an exact-size
 * array (copied in one go when it lies whole in the input), or skipped when oversize. Not
 * thread-safe.
 */
final class LengthPrefixedBody {
    private byte[] frame;
    private int filled;
    private long toSkip;

    boolean active() {
        return frame != null || toSkip > 0;
    }

    boolean skipping() {
        return toSkip > 0;
    }

    /** Starts a body of {@code length} bytes, of which the first {@code prefix.length} are known. */
    void start(int length, byte[] prefix, int prefixLength) {
        frame = new byte[length];
        System.arraycopy(prefix, 0, frame, 0, prefixLength);
        filled = prefixLength;
    }

    void startSkip(long length) {
        toSkip = length;
    }

    boolean complete() {
        return frame != null && filled == frame.length;
    }

    /**
     * Takes body bytes from {@code a[i, to)}; returns the index after the last byte taken. Call
     * {@link #complete()} then {@link #take()}.
     */
    int feed(byte[] a, int i, int to) {
        if (toSkip > 0) {
            int n = (int) Math.min(toSkip, to - i);
            toSkip -= n;
            return i + n;
        }
        int n = Math.min(frame.length - filled, to - i);
        System.arraycopy(a, i, frame, filled, n);
        filled += n;
        return i + n;
    }

    /** Starts and completes a body lying whole in the input, with nothing buffered. */
    static byte[] copy(byte[] a, int from, int length) {
        return Arrays.copyOfRange(a, from, from + length);
    }

    byte[] take() {
        byte[] f = frame;
        frame = null;
        filled = 0;
        return f;
    }

    long missing() {
        return frame != null ? frame.length - filled : toSkip;
    }

    void release() {
        frame = null;
        filled = 0;
        toSkip = 0;
    }
}
