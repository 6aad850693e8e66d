package dev.junction.framing;

/**
 * BSON documents back to back, each framed by its own leading int32 little-endian total length
 * (which counts those 4 bytes). The name in URIs is {@code bson}.
 *
 * <p>Encoding writes the payload as is, after checking that it is at least 5 bytes long and that its
 * length prefix equals its length; otherwise it throws {@link FramingException} (MALFORMED).
 * Decoding delivers each whole document, prefix included. A declared length under 5 (negative
 * included) is a fatal MALFORMED error. A length over {@code maxFrameBytes} is reported as OVERSIZE
 * (recoverable) as soon as the 4 prefix bytes have arrived; the rest of that document is skipped.
 * The stream ending inside a document is TRUNCATED (except inside a skipped one, already reported).
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class BsonLengthFraming implements Framing {
    static final BsonLengthFraming INSTANCE = new BsonLengthFraming();

    /** The smallest BSON document: the length prefix and the terminating 0x00. */
    static final int MIN_DOCUMENT = 5;

    private BsonLengthFraming() {}

    @Override
    public String name() {
        return "bson";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new Decoder(maxFrameBytes);
    }

    /**
     * Writes the document as is.
     *
     * @throws FramingException if the payload is shorter than 5 bytes or its length prefix is not its
     *     length
     */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        if (payload.length < MIN_DOCUMENT) {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "a BSON document is at least 5 bytes long, got " + payload.length,
                    false);
        }
        int declared = readInt32(payload, 0);
        if (declared != payload.length) {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "the BSON document's length prefix says " + declared + " bytes but it has " + payload.length,
                    false);
        }
        out.write(payload);
    }

    static int readInt32(byte[] a, int i) {
        return (a[i] & 0xFF) | (a[i + 1] & 0xFF) << 8 | (a[i + 2] & 0xFF) << 16 | (a[i + 3] & 0xFF) << 24;
    }

    @Override
    public String toString() {
        return "Framing[bson]";
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private final byte[] prefix = new byte[4];
        private int prefixBytes;
        private final LengthPrefixedBody body = new LengthPrefixedBody();

        Decoder(int maxFrameBytes) {
            super("bson", maxFrameBytes);
        }

        @Override
        void process(byte[] a, int from, int to, FrameSink sink) {
            int i = from;
            while (i < to) {
                if (body.active()) {
                    i = body.feed(a, i, to);
                    if (body.complete()) {
                        sink.onFrame(body.take());
                    }
                    continue;
                }
                if (prefixBytes == 0 && to - i >= 4) {
                    // Fast path: the prefix, and perhaps the whole document, lies in this buffer.
                    int len = readInt32(a, i);
                    if (!checkLength(len, sink)) {
                        return;
                    }
                    if (len > maxFrameBytes) {
                        body.startSkip(len - 4L);
                        i += 4;
                    } else if (to - i >= len) {
                        sink.onFrame(LengthPrefixedBody.copy(a, i, len));
                        i += len;
                    } else {
                        System.arraycopy(a, i, prefix, 0, 4);
                        body.start(len, prefix, 4);
                        i += 4;
                    }
                    continue;
                }
                prefix[prefixBytes++] = a[i++];
                if (prefixBytes == 4) {
                    prefixBytes = 0;
                    int len = readInt32(prefix, 0);
                    if (!checkLength(len, sink)) {
                        return;
                    }
                    if (len > maxFrameBytes) {
                        body.startSkip(len - 4L);
                    } else {
                        body.start(len, prefix, 4);
                    }
                }
            }
        }

        /** False after a fatal error; reports an oversize document. */
        private boolean checkLength(int len, FrameSink sink) {
            if (len < MIN_DOCUMENT) {
                fail(
                        sink,
                        FramingException.Kind.MALFORMED,
                        "a document's length prefix is " + len + "; a BSON document is at least 5 bytes");
                return false;
            }
            if (len > maxFrameBytes) {
                oversize(sink, len);
            }
            return true;
        }

        @Override
        void finish(FrameSink sink) {
            if (prefixBytes > 0) {
                truncated(sink, prefixBytes + " of the 4 length-prefix bytes");
            } else if (body.active() && !body.skipping()) {
                truncated(sink, body.missing() + " document bytes missing");
            }
        }

        @Override
        void release() {
            body.release();
        }
    }
}
