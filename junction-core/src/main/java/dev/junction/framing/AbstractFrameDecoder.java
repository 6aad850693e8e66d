package dev.junction.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Common plumbing for the built-in decoders: hands {@link #process} the bytes of a heap buffer in
 * place (its backing array, no copy) or, for direct and read-only buffers, in chunks staged through
 * a small scratch array; once a fatal error was reported every later byte is dropped. Not
 * thread-safe.
 */
abstract class AbstractFrameDecoder implements FrameDecoder {
    private static final int SCRATCH_BYTES = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    final int maxFrameBytes;
    final String framingName;
    private byte[] scratch;
    private boolean failed;

    AbstractFrameDecoder(String framingName, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be > 0: " + maxFrameBytes);
        }
        this.framingName = framingName;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public final void decode(ByteBuffer in, FrameSink sink) {
        if (failed) {
            in.position(in.limit());
            return;
        }
        if (in.hasArray()) {
            int offset = in.arrayOffset();
            int from = offset + in.position();
            int to = offset + in.limit();
            in.position(in.limit());
            process(in.array(), from, to, sink);
            return;
        }
        if (scratch == null) {
            scratch = new byte[Math.min(SCRATCH_BYTES, Math.max(in.remaining(), 64))];
        }
        while (in.hasRemaining() && !failed) {
            int n = Math.min(in.remaining(), scratch.length);
            in.get(scratch, 0, n);
            process(scratch, 0, n, sink);
        }
        in.position(in.limit());
    }

    @Override
    public final void endOfStream(FrameSink sink) {
        if (!failed) {
            finish(sink);
        }
    }

    /** Consumes {@code a[from, to)}; the array is not the decoder's to keep. */
    abstract void process(byte[] a, int from, int to, FrameSink sink);

    /** The stream ended and no fatal error was reported. */
    abstract void finish(FrameSink sink);

    /** Releases what the decoder buffers; called once a fatal error was reported. */
    abstract void release();

    final boolean failed() {
        return failed;
    }

    /** Reports a fatal error; every later byte is dropped. */
    final void fail(FrameSink sink, FramingException.Kind kind, String message) {
        failed = true;
        release();
        sink.onFrameError(new FramingException(kind, framingName + " framing: " + message, true));
    }

    /** Reports a recoverable error; decoding goes on. */
    final void recoverable(FrameSink sink, FramingException.Kind kind, String message) {
        sink.onFrameError(new FramingException(kind, framingName + " framing: " + message, false));
    }

    /** Reports an oversize frame of {@code size} bytes (-1: not yet known), recoverable. */
    final void oversize(FrameSink sink, long size) {
        sink.onFrameError(FramingException.oversize(framingName, size, maxFrameBytes, false));
    }

    /** Reports the stream ending inside a frame. */
    final void truncated(FrameSink sink, String what) {
        failed = true;
        release();
        sink.onFrameError(new FramingException(
                FramingException.Kind.TRUNCATED,
                framingName + " framing: the stream ended inside a frame (" + what + ")",
                true));
    }

    static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The index of the first {@code b} in {@code a[from, to)}, or -1; eight bytes at a time. */
    static int indexOf(byte[] a, int from, int to, byte b) {
        int i = from;
        if (to - from >= 16) {
            long pattern = ONES * (b & 0xFF);
            for (; i + 8 <= to; i += 8) {
                long x = (long) LONGS.get(a, i) ^ pattern;
                // Flags the bytes of x that are zero; the lowest flag is always a true one.
                long zeros = (x - ONES) & ~x & HIGH_BITS;
                if (zeros != 0) {
                    return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
                }
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A byte for an error message: {@code 0x78 ('x')}. */
    static String describe(int b) {
        int v = b & 0xFF;
        String hex = String.format("0x%02X", v);
        return v >= 0x20 && v < 0x7F ? hex + " ('" + (char) v + "')" : hex;
    }
}
