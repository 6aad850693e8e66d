package dev.junction.transport;

import dev.junction.ConnectionClosedException;
import dev.junction.Limits;
import dev.junction.TransportException;
import dev.junction.framing.FrameDecoder;
import dev.junction.framing.FrameOutput;
import dev.junction.framing.FrameSink;
import dev.junction.framing.Framing;
import dev.junction.framing.FramingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection over a pair of blocking streams (a process's stdin and stdout, a {@link
 * java.net.Socket}'s streams, pipes) with a {@link Framing}: the way to speak JSON-RPC to a
 * language server or any child process. One daemon thread reads; writes happen on the sending
 * thread, one frame at a time. Thread-safe.
 *
 * <p>The connection owns both streams and closes them when it closes. A fatal framing error closes
 * it; a recoverable one (an oversize frame) is reported and reading goes on.
 */
public final class StreamConnection implements Connection {
    private static final int READ_BUFFER = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final Framing framing;
    private final int maxFrameBytes;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Attributes attributes = new Attributes();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StreamOutput output;

    private StreamConnection(
            InputStream in,
            OutputStream out,
            Framing framing,
            Limits limits,
            SocketAddress local,
            SocketAddress remote) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = new java.io.BufferedOutputStream(Objects.requireNonNull(out, "out"), 8192);
        this.framing = Objects.requireNonNull(framing, "framing");
        this.maxFrameBytes = limits.maxFrameBytes();
        this.local = local;
        this.remote = remote;
        this.output = new StreamOutput(this.out);
    }

    /**
     * A connection over {@code in} and {@code out}, named by the addresses given (use {@link
     * MemAddress} for a pipe or a process).
     */
    public static StreamConnection of(
            InputStream in,
            OutputStream out,
            Framing framing,
            Limits limits,
            SocketAddress local,
            SocketAddress remote) {
        return new StreamConnection(in, out, framing, limits, local, remote);
    }

    /** A connection over a connected socket's streams. @throws TransportException if they cannot be had */
    public static StreamConnection of(java.net.Socket socket, Framing framing, Limits limits) {
        try {
            return new StreamConnection(
                    socket.getInputStream(),
                    socket.getOutputStream(),
                    framing,
                    limits,
                    socket.getLocalSocketAddress(),
                    socket.getRemoteSocketAddress());
        } catch (IOException e) {
            throw new TransportException("Cannot use socket " + socket, e);
        }
    }

    @Override
    public void start(ConnectionHandler handler) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Already started");
        }
        Thread reader = new Thread(() -> readLoop(handler), "junction-stream-reader-" + remote);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(ConnectionHandler handler) {
        FrameDecoder decoder = framing.newDecoder(maxFrameBytes);
        FrameSink sink = new FrameSink() {
            @Override
            public void onFrame(byte[] frame) {
                handler.onFrame(frame);
            }

            @Override
            public void onFrameError(FramingException error) {
                handler.onFrameError(error);
                if (error.isFatal()) {
                    close();
                }
            }
        };
        Throwable cause = null;
        byte[] buffer = new byte[READ_BUFFER];
        try {
            int n;
            while (open.get() && (n = in.read(buffer)) >= 0) {
                decoder.decode(ByteBuffer.wrap(buffer, 0, n), sink);
            }
            if (open.get()) {
                decoder.endOfStream(sink);
            }
        } catch (IOException | RuntimeException e) {
            cause = open.get() ? e : null;
        } finally {
            close();
            handler.onClose(cause);
            closed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] frame) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("Connection to " + remote + " closed"));
        }
        try {
            synchronized (output) {
                framing.encode(frame, output);
                out.flush();
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            close();
            return CompletableFuture.failedFuture(new ConnectionClosedException("Write to " + remote + " failed", e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            closeQuietly(in);
            closeQuietly(out);
            if (!started.get()) {
                closed.complete(null);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "StreamConnection[" + framing.name() + ", " + remote + "]";
    }

    /** Writes frame pieces straight to the stream; used under the output lock. */
    private static final class StreamOutput implements FrameOutput {
        private final OutputStream out;

        StreamOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void writeByte(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
