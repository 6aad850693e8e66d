package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * JSON generators kept for reuse, each writing to a growable array of its own: one message after
 * another is written by the same generator as root values with no separator, so that encoding a
 * message does not pay for a generator, its I/O context and an output builder each time. A few
 * slots, picked by the calling thread; a thread finding its slot empty makes a new generator.
 * Thread-safe: a generator is used by one thread between {@link #acquire} and {@link #release}.
 */
final class GeneratorPool {
    private static final int SLOTS = 16;

    private final JsonFactory factory;
    private final AtomicReferenceArray<Encoder> slots = new AtomicReferenceArray<>(SLOTS);

    GeneratorPool(JsonFactory factory) {
        this.factory = factory;
    }

    /** A generator with an empty output; give it back with {@link #release} once it wrote a whole message. */
    Encoder acquire() throws IOException {
        int slot = slot();
        Encoder e = slots.get(slot);
        if (e != null && slots.compareAndSet(slot, e, null)) {
            return e;
        }
        Output out = new Output();
        JsonGenerator g = factory.createGenerator(out);
        g.setRootValueSeparator(null);
        return new Encoder(g, out);
    }

    /**
     * Takes back a generator that wrote and flushed whole messages only (one that failed half-way is
     * dropped instead, as its state is unknown).
     */
    void release(Encoder e) {
        e.out.reset();
        slots.compareAndSet(slot(), null, e);
    }

    private static int slot() {
        int h = System.identityHashCode(Thread.currentThread());
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** A generator and the array it writes to. */
    static final class Encoder {
        final JsonGenerator generator;
        final Output out;

        Encoder(JsonGenerator generator, Output out) {
            this.generator = generator;
            this.out = out;
        }
    }

    /** A growable array as an output stream; drops a large array when reset. Not thread-safe. */
    static final class Output extends OutputStream {
        private static final int INITIAL = 512;
        private static final int KEEP = 256 * 1024;

        private byte[] buf = new byte[INITIAL];
        private int size;

        @Override
        public void write(int b) {
            ensure(size + 1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(size + len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int need) {
            if (need < 0) {
                throw new OutOfMemoryError("message larger than 2 GiB");
            }
            if (need > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.length)));
            }
        }

        int size() {
            return size;
        }

        /** What was written, as an array of exactly that size. */
        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        void reset() {
            size = 0;
            if (buf.length > KEEP) {
                buf = new byte[INITIAL];
            }
        }
    }
}
