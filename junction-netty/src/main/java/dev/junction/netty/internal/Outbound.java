package dev.junction.netty.internal;

import dev.junction.framing.FrameOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Outbound pieces: one queued frame, and the {@link FrameOutput} that frames payloads into a
 * composite buffer without copying them (arrays are wrapped as they are). Used on one event loop.
 */
final class Outbound {
    private static final byte[][] SINGLE_BYTES = new byte[256][];

    static {
        for (int i = 0; i < 256; i++) {
            SINGLE_BYTES[i] = new byte[] {(byte) i};
        }
    }

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
     * Collects the pieces of one frame; {@link #commitTo} moves them to the batch buffer once the
     * framing has accepted the whole frame, so a refused frame leaves nothing half-written.
     */
    static final class Pieces implements FrameOutput {
        private final List<ByteBuf> pieces = new ArrayList<>(4);
        private int bytes;

        @Override
        public void write(byte[] array) {
            if (array.length > 0) {
                pieces.add(Unpooled.wrappedBuffer(array));
                bytes += array.length;
            }
        }

        @Override
        public void write(byte[] array, int offset, int length) {
            if (length > 0) {
                pieces.add(Unpooled.wrappedBuffer(array, offset, length));
                bytes += length;
            }
        }

        @Override
        public void writeByte(int b) {
            pieces.add(Unpooled.wrappedBuffer(SINGLE_BYTES[b & 0xff]));
            bytes++;
        }

        /** Appends the frame's pieces to {@code batch} and returns the frame's size in bytes. */
        int commitTo(CompositeByteBuf batch) {
            for (ByteBuf piece : pieces) {
                batch.addComponent(true, piece);
            }
            int size = bytes;
            pieces.clear();
            bytes = 0;
            return size;
        }

        /** Forgets the pieces of a refused frame (heap wrappers: nothing to release but the views). */
        void clear() {
            for (ByteBuf piece : pieces) {
                piece.release();
            }
            pieces.clear();
            bytes = 0;
        }
    }
}
