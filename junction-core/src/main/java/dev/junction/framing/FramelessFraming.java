package dev.junction.framing;

import java.util.Arrays;

/**
 * Frameless ("streamed JSON"): top-level JSON objects and arrays back to back, optionally separated
 * by JSON whitespace ({@code {"a":1}{"b":2}} is two frames). The name in URIs is {@code frameless}.
 *
 * <p>Encoding writes the payload as is, after checking that it is exactly one JSON object or array
 * (with optional surrounding whitespace); anything else would corrupt the stream, so it throws
 * {@link FramingException} (MALFORMED). Decoding finds the end of each value by tracking nesting
 * depth, strings and escapes, without parsing; the frame is the value's bytes, without the whitespace
 * around it. A non-whitespace byte between values that is not {@code {} or {@code [} is a fatal
 * MALFORMED error. A value over {@code maxFrameBytes} is reported as OVERSIZE (recoverable) as soon
 * as the limit is passed, then scanned to its end without being buffered. A value left open at end
 * of stream is TRUNCATED.
 *
 * <p>Immutable and thread-safe; each decoder is for one stream and one thread at a time.
 */
public final class FramelessFraming implements Framing {
    static final FramelessFraming INSTANCE = new FramelessFraming();

    private FramelessFraming() {}

    @Override
    public String name() {
        return "frameless";
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameBytes) {
        return new Decoder(maxFrameBytes);
    }

    /**
     * Writes {@code payload} as is.
     *
     * @throws FramingException if the payload is not exactly one JSON object or array
     */
    @Override
    public void encode(byte[] payload, FrameOutput out) {
        int i = 0;
        int n = payload.length;
        while (i < n && AbstractFrameDecoder.isJsonWhitespace(payload[i])) {
            i++;
        }
        if (i == n || (payload[i] != '{' && payload[i] != '[')) {
            throw encodeError("a frameless payload must be a JSON object or array");
        }
        JsonValueScanner scanner = new JsonValueScanner();
        scanner.start(payload[i]);
        int end = scanner.scan(payload, i + 1, n);
        if (end < 0) {
            throw encodeError("the frameless payload is an unterminated JSON value");
        }
        for (int j = end; j < n; j++) {
            if (!AbstractFrameDecoder.isJsonWhitespace(payload[j])) {
                throw encodeError("the frameless payload holds more than one JSON value");
            }
        }
        out.write(payload);
    }

    private static FramingException encodeError(String message) {
        return new FramingException(FramingException.Kind.MALFORMED, message, false);
    }

    @Override
    public String toString() {
        return "Framing[frameless]";
    }

    private static final class Decoder extends AbstractFrameDecoder {
        private final JsonValueScanner scanner = new JsonValueScanner();
        private final ByteAccumulator acc;
        private boolean inValue;
        private boolean skipping;
        private long valueBytes;

        Decoder(int maxFrameBytes) {
            super("frameless", maxFrameBytes);
            acc = new ByteAccumulator(maxFrameBytes);
        }

        @Override
        void process(byte[] a, int from, int to, FrameSink sink) {
            int i = from;
            while (i < to) {
                if (!inValue) {
                    byte b = a[i];
                    if (isJsonWhitespace(b)) {
                        i++;
                        continue;
                    }
                    if (b != '{' && b != '[') {
                        fail(
                                sink,
                                FramingException.Kind.MALFORMED,
                                "expected '{' or '[' to start a top-level value, got " + describe(b));
                        return;
                    }
                    scanner.start(b);
                    inValue = true;
                    skipping = false;
                    valueBytes = 0;
                    int end = scanner.scan(a, i + 1, to);
                    if (end >= 0) {
                        // The whole value lies in this buffer.
                        inValue = false;
                        int n = end - i;
                        if (n > maxFrameBytes) {
                            oversize(sink, n);
                        } else {
                            sink.onFrame(Arrays.copyOfRange(a, i, end));
                        }
                        i = end;
                        continue;
                    }
                    partial(a, i, to, sink);
                    return;
                }
                int end = scanner.scan(a, i, to);
                if (end < 0) {
                    partial(a, i, to, sink);
                    return;
                }
                inValue = false;
                if (skipping) {
                    skipping = false;
                } else {
                    long n = valueBytes + (end - i);
                    if (n > maxFrameBytes) {
                        acc.reset();
                        oversize(sink, n);
                    } else {
                        acc.append(a, i, end - i);
                        sink.onFrame(acc.take((int) n));
                    }
                }
                i = end;
            }
        }

        /** The value goes on past this buffer: buffer {@code a[start, to)} unless over the limit. */
        private void partial(byte[] a, int start, int to, FrameSink sink) {
            if (skipping) {
                return;
            }
            valueBytes += to - start;
            if (valueBytes > maxFrameBytes) {
                skipping = true;
                acc.reset();
                oversize(sink, -1);
            } else {
                acc.append(a, start, to - start);
            }
        }

        @Override
        void finish(FrameSink sink) {
            if (inValue && !skipping) {
                truncated(sink, valueBytes + " bytes of an unterminated JSON value");
            }
        }

        @Override
        void release() {
            acc.release();
        }
    }
}
