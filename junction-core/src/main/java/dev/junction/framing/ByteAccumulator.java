package dev.junction.framing;

import java.util.Arrays;

/**
 * A growable byte array for a frame whose length is not known in advance and that spans several
 * input buffers. Never grows past its hard cap; drops a large array once its frame is taken so an
 * idle connection does not hold on to it, but remembers the size so that the next large frame grows
 * to it in one step. Not thread-safe.
 */
final class ByteAccumulator {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL = 256;
    private static final int KEEP = 8192;

    private final int hardCap;
    private byte[] buf = EMPTY;
    private int len;
    /** The size of the last frame taken: a frame that outgrows the first array grows to it at once. */
    private int lastTaken;

    ByteAccumulator(int hardCap) {
        this.hardCap = hardCap;
    }

    int length() {
        return len;
    }

    byte byteAt(int i) {
        return buf[i];
    }

    void append(byte[] a, int off, int n) {
        int need = len + n;
        if (need > buf.length) {
            grow(need);
        }
        System.arraycopy(a, off, buf, len, n);
        len = need;
    }

    private void grow(int need) {
        if (need > hardCap) {
            throw new IllegalStateException("frame buffer would grow past " + hardCap + " bytes");
        }
        long doubled = Math.max(INITIAL, (long) buf.length * 2);
        if (need > INITIAL && lastTaken > doubled) {
            // Frames on one stream tend to be alike: a large one is likely as large as the last, and
            // one array of exactly its size is then handed over by take() without a copy.
            doubled = lastTaken;
        }
        int cap = (int) Math.min(hardCap, Math.max(need, doubled));
        buf = Arrays.copyOf(buf, cap);
    }

    /** The first {@code n} buffered bytes as an exact-size array; empties the accumulator. */
    byte[] take(int n) {
        lastTaken = n;
        byte[] frame;
        if (n == buf.length) {
            frame = buf;
            buf = EMPTY;
        } else {
            frame = Arrays.copyOf(buf, n);
        }
        reset();
        return frame;
    }

    void reset() {
        len = 0;
        if (buf.length > KEEP) {
            buf = EMPTY;
        }
    }

    void release() {
        len = 0;
        buf = EMPTY;
    }
}
