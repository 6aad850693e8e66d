package dev.junction.bench;

import dev.junction.framing.FrameDecoder;
import dev.junction.framing.FrameOutput;
import dev.junction.framing.FrameSink;
import dev.junction.framing.Framing;
import dev.junction.framing.FramingException;
import dev.junction.framing.Framings;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Splitting a byte stream into frames with {@link Framings}: one buffer holding 100 frames (each the
 * 62-byte small request {@code {"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}}),
 * framed by newline or by netstring, decoded in one {@link FrameDecoder#decode} call. The score is
 * per frame ({@code @OperationsPerInvocation(100)}); each frame comes out as a new byte array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FramingBenchmark {
    private static final int FRAMES = 100;

    private ByteBuffer newlineStream;
    private FrameDecoder newlineDecoder;
    private ByteBuffer netstringStream;
    private FrameDecoder netstringDecoder;

    @Setup
    public void setup() {
        byte[] payload = CodecBenchmark.SMALL_REQUEST.getBytes(StandardCharsets.UTF_8);
        Framing newline = Framings.newline();
        Framing netstring = Framings.netstring();
        newlineStream = ByteBuffer.wrap(stream(newline, payload));
        newlineDecoder = newline.newDecoder(1 << 20);
        netstringStream = ByteBuffer.wrap(stream(netstring, payload));
        netstringDecoder = netstring.newDecoder(1 << 20);
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
    public void newline100(Blackhole bh) {
        decode(newlineDecoder, newlineStream, bh);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void netstring100(Blackhole bh) {
        decode(netstringDecoder, netstringStream, bh);
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
