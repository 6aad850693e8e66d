package dev.junction.bench;

import dev.junction.framing.FrameDecoder;
import dev.junction.framing.FrameOutput;
import dev.junction.framing.FrameSink;
import dev.junction.framing.Framing;
import dev.junction.framing.FramingException;
import dev.junction.framing.Framings;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Splitting a byte stream into frames with every framing of {@link Framings}: one buffer holding
 * 100 frames, decoded in one {@link FrameDecoder#decode} call. The payload is the 62-byte small
 * request {@code {"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}} for every framing
 * but {@code bson}, whose frames are a 62-byte BSON document (a length-prefixed document is what
 * that framing carries). The score is per frame ({@code @OperationsPerInvocation(100)}); each frame
 * comes out as a new byte array. {@code framing} names the framing as URIs do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FramingBenchmark {
    private static final int FRAMES = 100;

    @Param({"newline", "rfc7464", "netstring", "content-length", "frameless", "terminator", "bson"})
    public String framing;

    private ByteBuffer stream;
    private FrameDecoder decoder;

    @Setup
    public void setup() {
        Framing f = Framings.forName(framing, Map.of());
        byte[] payload =
                framing.equals("bson") ? bsonDocument() : CodecBenchmark.SMALL_REQUEST.getBytes(StandardCharsets.UTF_8);
        stream = ByteBuffer.wrap(stream(f, payload));
        decoder = f.newDecoder(1 << 20);
    }

    /** A 62-byte BSON document: one string element "m" padded to the small request's size. */
    private static byte[] bsonDocument() {
        int total = 62;
        byte[] doc = new byte[total];
        ByteBuffer b = ByteBuffer.wrap(doc).order(ByteOrder.LITTLE_ENDIAN);
        int stringLength = total - 4 - 1 - 2 - 4 - 1; // prefix, type, "m\0", string length, final 0x00
        b.putInt(total).put((byte) 0x02).put((byte) 'm').put((byte) 0).putInt(stringLength);
        for (int i = 0; i < stringLength - 1; i++) {
            b.put((byte) 'x');
        }
        b.put((byte) 0).put((byte) 0);
        return doc;
    }

    private static byte[] stream(Framing framing, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameOutput sink = new FrameOutput() {
            @Override
            public void write(byte[] bytes) {
                out.writeBytes(bytes);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public void writeByte(int b) {
                out.write(b);
            }
        };
        for (int i = 0; i < FRAMES; i++) {
            framing.encode(payload, sink);
        }
        return out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode100(Blackhole bh) {
        decode(decoder, stream, bh);
    }

    private static void decode(FrameDecoder decoder, ByteBuffer stream, Blackhole bh) {
        stream.rewind();
        Counter counter = new Counter(bh);
        decoder.decode(stream, counter);
        if (counter.frames != FRAMES) {
            throw new IllegalStateException("Decoded " + counter.frames + " frames, expected " + FRAMES);
        }
    }

    /** Counts frames and hands each to the blackhole; fails on any framing error. */
    private static final class Counter implements FrameSink {
        private final Blackhole bh;
        int frames;

        Counter(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void onFrame(byte[] frame) {
            frames++;
            bh.consume(frame);
        }

        @Override
        public void onFrameError(FramingException error) {
            throw new IllegalStateException("Unexpected framing error", error);
        }
    }
}
