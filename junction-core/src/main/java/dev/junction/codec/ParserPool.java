package dev.junction.codec;

import dev.junction.codec.JsonCodecFactory.PlainParser;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Frame readers kept for reuse by {@link JsonMessageReader}: a parser that reads one frame after
 * another and the envelope of the frame's top-level object, so that decoding a small frame does not
 * pay for a parser, its I/O context, text buffer, contexts and symbol table each time. A few slots,
 * picked by the calling thread; a thread finding its slot empty makes a new reader.
 *
 * <p>Nothing leaks from one frame into the next: a reader goes back only after its frame ended
 * cleanly (the whole value read, only white space after it), with its state reset and the frame
 * and its values forgotten; one whose frame failed in any way (malformed, truncated, a limit, an
 * exception) is dropped. Only frames of at most {@link #MAX_FRAME} bytes are read by pooled readers,
 * and a reader whose symbol table grew past {@link PlainParser#MAX_KEPT_NAMES} is dropped, so a
 * kept reader's buffers and names stay small whatever the input.
 *
 * <p>Thread-safe: a reader is used by one thread between {@link #acquire} and {@link #release};
 * the slots' compare-and-set publishes it to the next.
 */
final class ParserPool {
    /** Frames longer than this get a parser of their own, as before pooling. */
    static final int MAX_FRAME = 8 * 1024;

    private static final int SLOTS = 16;

    private final JsonCodecFactory factory;
    private final AtomicReferenceArray<Reader> slots = new AtomicReferenceArray<>(SLOTS);

    private ParserPool(JsonCodecFactory factory) {
        this.factory = factory;
    }

    /** A pool for {@code factory}, or null when its settings do not allow frame parsers. */
    static ParserPool of(JsonCodecFactory factory) {
        return factory.createFrameParser() == null ? null : new ParserPool(factory);
    }

    /** A reader positioned at the start of {@code frame[offset, offset + length)}. */
    Reader acquire(byte[] frame, int offset, int length) {
        int slot = slot();
        Reader r = slots.get(slot);
        if (r != null && slots.compareAndSet(slot, r, null)) {
            try {
                r.parser.startFrame(frame, offset, offset + length);
                return r;
            } catch (IllegalStateException notReusable) {
                // Never expected (only cleanly ended parsers are kept); a new reader then.
            }
        }
        r = new Reader(factory.createFrameParser());
        r.parser.startFrame(frame, offset, offset + length);
        return r;
    }

    /** Takes {@code r} back after its frame, if that frame ended cleanly; else it is dropped. */
    void release(Reader r) {
        r.envelope.clear();
        if (r.parser.endFrame()) {
            slots.compareAndSet(slot(), null, r);
        }
    }

    /** The most field names a kept reader's symbol table holds (for tests). */
    int keptNames() {
        int most = 0;
        for (int i = 0; i < SLOTS; i++) {
            Reader r = slots.get(i);
            most = r == null ? most : Math.max(most, r.parser.keptNames());
        }
        return most;
    }

    /** How many readers are kept (for tests). */
    int kept() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            n += slots.get(i) == null ? 0 : 1;
        }
        return n;
    }

    private static int slot() {
        int h = System.identityHashCode(Thread.currentThread());
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** A frame parser and the envelope it fills. Used by one thread at a time. */
    static final class Reader {
        final PlainParser parser;
        final Envelope envelope = new Envelope();

        Reader(PlainParser parser) {
            this.parser = parser;
            envelope.knownMethods = new String[4];
        }
    }
}
