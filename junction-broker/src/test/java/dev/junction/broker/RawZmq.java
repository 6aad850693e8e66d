package dev.junction.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A bare JeroMQ socket for tests that speak the wire directly: a client sending malformed input, or
 * a fake worker that registers and then falls silent (an injected failure). Used by one test
 * thread at a time.
 */
final class RawZmq implements AutoCloseable {
    private static final ZContext CONTEXT = new ZContext(1);
    final ZMQ.Socket socket;

    RawZmq(SocketType type, String address, String identity) {
        socket = CONTEXT.createSocket(type);
        socket.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
        socket.setLinger(0);
        socket.setReceiveTimeOut(10_000);
        if (identity != null) {
            socket.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
        }
        socket.connect(address);
    }

    void send(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            socket.send(frames[i], i < frames.length - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    void send(String... frames) {
        byte[][] bytes = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            bytes[i] = frames[i].getBytes(StandardCharsets.UTF_8);
        }
        send(bytes);
    }

    /** The next message's frames, or null after the receive timeout. */
    List<byte[]> receive() {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** The next message whose first frame is not {@code skip}; null after the timeout. */
    List<byte[]> receiveSkipping(String skip) {
        while (true) {
            List<byte[]> frames = receive();
            if (frames == null || !new String(frames.get(0), StandardCharsets.UTF_8).equals(skip)) {
                return frames;
            }
        }
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        socket.close();
    }
}
