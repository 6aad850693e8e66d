package dev.junction.framing;

import java.util.Arrays;

/**
 * JSON text sequences (RFC 7464): each text is {@code 0x1E} (RS), the JSON text, {@code 0x0A} (LF).
 * The name in URIs is {@code rfc7464}.
 *
 * <p>Encoding writes {@code RS payload LF}; a payload holding a raw RS byte (never valid JSON) throws
 * {@link FramingException} (MALFORMED). Decoding accepts pretty-printed texts as {@code jq --seq}
 * writes them (raw newlines inside a text): a text is complete when a whole top-level JSON value has
 * been scanned (objects, arrays and strings by their closing byte; numbers, literals and other bare
 * words at the next whitespace or RS) and the LF after it has arrived, or when the next RS arrives
 * after the value. The frame is the value's bytes, without the whitespace around it. Bytes before an
 * RS are skipped, as are empty texts. An RS arriving inside a value reports a recoverable MALFORMED
 * error (a truncated text) and starts the next text; so does anything but whitespace between a
 * value and its LF (the rest of that text is skipped). A value over {@code maxFrameBytes} is
 * reported as OVERSIZE (recoverable) as soon as the limit is passed, and skipped up to the next RS.
 * The stream ending after an RS but before the text's LF is TRUNCATED.
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class Rfc7464Framing implements Framing {
    static final Rfc7464Framing INSTANCE = new Rfc7464Framing();

    private static final byte RS = 0x1E;
    private static final byte LF = '\n';

    private Rfc7464Framing() {}

    @Override
    public String name() {
        return "rfc7464";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new Decoder(maxFrameBytes);
    }

    /**
     * Writes {@code RS payload LF}.
     *
     * @throws FramingException if the payload holds a raw RS byte (0x1E)
     */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        if (AbstractFrameDecoder.indexOf(payload, 0, payload.length, RS) >= 0) {
            throw new FramingException(
                    FramingException.Kind.MALFORMED,
                    "an rfc7464 payload cannot hold a raw record separator (0x1E)",
                    false);
        }
        out.writeByte(RS);
        out.write(payload);
        out.writeByte(LF);
    }

    @Override
    public String toString() {
        return "Framing[rfc7464]";
    }

    private enum State {
        /** Skipping bytes up to the next RS (before the first text, after a text's LF). */
        SEEK,
        /** Skipping the rest of a refused text up to the next RS. */
        DISCARD,
        /** After an RS, before the value's first byte. */
        TEXT_START,
        /** Inside the value. */
        IN_VALUE,
        /** The value is complete (and buffered); waiting for its LF. */
        AFTER_VALUE
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private final JsonValueScanner scanner = new JsonValueScanner();
        private final ByteAccumulator acc;
        private State state = State.SEEK;
        private long valueBytes;

        Decoder(int maxFrameBytes) {
            super("rfc7464", maxFrameBytes);
            acc = new ByteAccumulator(maxFrameBytes);
        }

        @Override
        void process(byte[] a, int from, int to, FrameSink sink) {
            int i = from;
            while (i < to) {
                switch (state) {
                    case SEEK, DISCARD -> {
                        int r = indexOf(a, i, to, RS);
                        if (r < 0) {
                            return;
                        }
                        state = State.TEXT_START;
                        i = r + 1;
                    }
                    case TEXT_START -> {
                        byte b = a[i];
                        if (b == RS || isJsonWhitespace(b)) {
                            i++;
                        } else {
                            scanner.start(b);
                            state = State.IN_VALUE;
                            valueBytes = 0;
                            i = value(a, i, i + 1, to, sink);
                        }
                    }
                    case IN_VALUE -> i = value(a, i, i, to, sink);
                    case AFTER_VALUE -> i = afterValue(a, i, to, -1, 0, sink);
                }
            }
        }

        /**
         * Scans the value, whose bytes in this buffer start at {@code segStart}, from {@code scanFrom}.
         * Returns where to go on.
         */
        private int value(byte[] a, int segStart, int scanFrom, int to, FrameSink sink) {
            int rs = indexOf(a, scanFrom, to, RS);
            int limit = rs < 0 ? to : rs;
            int end = scanner.scan(a, scanFrom, limit);
            if (end < 0) {
                if (rs >= 0 && scanner.isScalar()) {
                    end = rs;
                } else if (rs >= 0) {
                    acc.reset();
                    state = State.TEXT_START;
                    recoverable(
                            sink,
                            FramingException.Kind.MALFORMED,
                            "truncated text: a record separator (0x1E) arrived inside a JSON value");
                    return rs + 1;
                } else {
                    valueBytes += to - segStart;
                    if (valueBytes > maxFrameBytes) {
                        acc.reset();
                        state = State.DISCARD;
                        oversize(sink, -1);
                    } else {
                        acc.append(a, segStart, to - segStart);
                    }
                    return to;
                }
            }
            long n = valueBytes + (end - segStart);
            if (n > maxFrameBytes) {
                acc.reset();
                state = State.DISCARD;
                oversize(sink, n);
                return end;
            }
            state = State.AFTER_VALUE;
            return afterValue(a, end, to, segStart, end, sink);
        }

        /**
         * Looks for the LF (or RS) after a complete value from {@code i}. The value's last bytes are
         * {@code a[segStart, segEnd)} when {@code segStart >= 0}, else all buffered.
         */
        private int afterValue(byte[] a, int i, int to, int segStart, int segEnd, FrameSink sink) {
            int j = i;
            while (j < to && a[j] != LF && a[j] != RS && isJsonWhitespace(a[j])) {
                j++;
            }
            if (j == to) {
                if (segStart >= 0) {
                    acc.append(a, segStart, segEnd - segStart);
                }
                return to;
            }
            byte b = a[j];
            if (b == LF || b == RS) {
                byte[] frame;
                if (segStart >= 0 && acc.length() == 0) {
                    frame = Arrays.copyOfRange(a, segStart, segEnd);
                } else {
                    if (segStart >= 0) {
                        acc.append(a, segStart, segEnd - segStart);
                    }
                    frame = acc.take(acc.length());
                }
                state = b == RS ? State.TEXT_START : State.SEEK;
                sink.onFrame(frame);
                return j + 1;
            }
            acc.reset();
            state = State.DISCARD;
            recoverable(
                    sink,
                    FramingException.Kind.MALFORMED,
                    "expected a line feed after the JSON value, got " + describe(b) + "; skipping to the next text");
            return j;
        }

        @Override
        void finish(FrameSink sink) {
            switch (state) {
                case TEXT_START -> truncated(sink, "a record separator with no JSON text after it");
                case IN_VALUE -> truncated(sink, valueBytes + " bytes of an unterminated JSON value");
                case AFTER_VALUE -> truncated(sink, "a JSON text without its final line feed");
                default -> {}
            }
        }

        @Override
        void release() {
            acc.release();
        }
    }
}
