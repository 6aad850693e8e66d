package dev.junction.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link FrameSink} that records frames and errors in order, with how many bytes had been fed. */
final class RecordingSink implements FrameSink {
    /** One frame or one error, and the count of stream bytes fed when it was reported. */
    record Event(byte[] frame, FramingException error, long fedBytes) {
        boolean isFrame() {
            return frame != null;
        }
    }

    final List<Event> events = new ArrayList<>();
    long fed;

    @Override
    public void onFrame(byte[] frame) {
        events.add(new Event(frame, null, fed));
    }

    @Override
    public void onFrameError(FramingException error) {
        events.add(new Event(null, error, fed));
    }

    List<byte[]> frames() {
        return events.stream().filter(Event::isFrame).map(Event::frame).toList();
    }

    /** The frames as UTF-8 strings. */
    List<String> texts() {
        return frames().stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    List<FramingException> errors() {
        return events.stream().filter(e -> !e.isFrame()).map(Event::error).toList();
    }

    List<Event> errorEvents() {
        return events.stream().filter(e -> !e.isFrame()).toList();
    }

    /** Feeds {@code bytes} as one heap buffer, checking the decoder consumed all of it. */
    RecordingSink feed(FrameDecoder decoder, byte[] bytes) {
        return feed(decoder, ByteBuffer.wrap(bytes));
    }

    RecordingSink feed(FrameDecoder decoder, ByteBuffer buffer) {
        fed += buffer.remaining();
        decoder.decode(buffer, this);
        if (buffer.hasRemaining()) {
            throw new AssertionError("the decoder left " + buffer.remaining() + " bytes in the buffer");
        }
        return this;
    }

    /** Feeds {@code bytes} in chunks of {@code chunk} bytes. */
    RecordingSink feedInChunks(FrameDecoder decoder, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            feed(
                    decoder,
                    ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)).slice());
        }
        return this;
    }

    RecordingSink end(FrameDecoder decoder) {
        decoder.endOfStream(this);
        return this;
    }

    /** The bytes {@code framing} writes for {@code payloads}, one frame each. */
    static byte[] encode(Framing framing, byte[]... payloads) {
        CollectingOutput out = new CollectingOutput();
        for (byte[] p : payloads) {
            framing.encode(p, out);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A {@link FrameOutput} collecting into one array, using all three write methods' contracts. */
    static final class CollectingOutput implements FrameOutput {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
