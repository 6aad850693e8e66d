package dev.junction.engine;

import dev.junction.framing.FrameDecoder;
import dev.junction.framing.FrameOutput;
import dev.junction.framing.FrameSink;
import dev.junction.framing.Framing;
import dev.junction.framing.FramingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** A test client that writes raw bytes to a socket and reads raw frames back. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final Framing framing;
    private final FrameDecoder decoder;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();

    RawClient(InetSocketAddress address, Framing framing) throws IOException {
        this.socket = new Socket(address.getAddress(), address.getPort());
        this.socket.setSoTimeout(10_000);
        this.framing = framing;
        this.decoder = framing.newDecoder(64 * 1024 * 1024);
    }

    /** Writes {@code bytes} exactly as given (no framing). */
    void writeRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Writes one frame holding {@code payload}. */
    void writeFrame(String payload) throws IOException {
        writeRaw(frame(payload.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] frame(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        framing.encode(payload, new FrameOutput() {
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
        });
        return out.toByteArray();
    }

    /** Reads the next frame, waiting up to the socket timeout; null at end of stream. */
    String readFrame() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (frames.isEmpty()) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("No frame within the socket timeout", e);
            }
            if (n < 0) {
                return null;
            }
            decoder.decode(ByteBuffer.wrap(buffer, 0, n), new FrameSink() {
                @Override
                public void onFrame(byte[] frame) {
                    frames.add(frame);
                }

                @Override
                public void onFrameError(FramingException error) {
                    throw error;
                }
            });
        }
        return new String(frames.poll(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
