package dev.junction.netty.internal;

import dev.junction.framing.FrameOutput;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Outbound pieces: one queued frame, and the {@link FrameOutput} that frames payloads into the
 * outbound buffer. Used on one event loop.
 */
final class Outbound {
    private Outbound() {}

    /** A frame waiting to be written, and who waits for it. */
    static final class Frame {
        final byte[] payload;
        final CompletableFuture<Void> written = new CompletableFuture<>();

        Frame(byte[] payload) {
            this.payload = payload;
        }
    }

    /**
     * Writes frames straight into one outbound buffer (a pooled direct buffer from the channel's
     * allocator, so the socket write needs no further copy): the framing's header, payload and
     * trailer are copied in once. {@link #begin} marks where a frame starts and {@link #rollback}
     * removes a frame the framing refused half-way, so nothing half-written is ever sent.
     */
    static final class BufferOutput implements FrameOutput {
        private ByteBuf target;
        private int mark;

        /** Starts a frame in {@code buf}. */
        void begin(ByteBuf buf) {
            target = buf;
            mark = buf.writerIndex();
        }

        /** The bytes written since {@link #begin}. */
        int written() {
            return target.writerIndex() - mark;
        }

        /** Drops what was written since {@link #begin}. */
        void rollback() {
            target.writerIndex(mark);
        }

        @Override
        public void write(byte[] array) {
            target.writeBytes(array);
        }

        @Override
        public void write(byte[] array, int offset, int length) {
            target.writeBytes(array, offset, length);
        }

        @Override
        public void writeByte(int b) {
            target.writeByte(b);
        }
    }
}
