package dev.junction.bench;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.service.MethodHandler;
import dev.junction.service.Services;
import dev.junction.transport.Attributes;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's inbound path without a transport: a request frame handed to the peer's {@link
 * ConnectionHandler#onFrame} as a transport would, decoded, dispatched to a non-blocking {@code
 * echo} handler (run inline), its result encoded and passed to {@link Connection#send}, where a
 * capturing connection keeps the bytes. One thread, no sockets, no hand-offs: the CPU and
 * allocation of serving one small call. {@link #setup} checks the exact answer and that it came
 * back before {@code onFrame} returned.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {
    private static final byte[] REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello\"],\"id\":1}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String RESPONSE = "{\"jsonrpc\":\"2.0\",\"result\":\"hello\",\"id\":1}";

    private CapturingConnection connection;
    private RpcClient peer;

    @Setup(Level.Trial)
    public void setup() {
        MethodHandler echo = (ctx, params) -> params.get(0);
        connection = new CapturingConnection();
        peer = Junction.client()
                .services(Services.builder().nonBlockingMethod("echo", echo).build())
                .connect(connection);
        byte[] answer = dispatch();
        if (answer == null) {
            throw new IllegalStateException("the answer was not sent before onFrame returned");
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        if (!text.equals(RESPONSE)) {
            throw new IllegalStateException("answered " + text + ", expected " + RESPONSE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peer.close();
    }

    @Benchmark
    public byte[] dispatch() {
        connection.sent = null;
        connection.handler.onFrame(REQUEST);
        return connection.sent;
    }

    /** A connection that keeps the last frame sent; the benchmark thread plays the transport. */
    private static final class CapturingConnection implements Connection {
        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
        private static final SocketAddress ADDRESS = InetSocketAddress.createUnresolved("bench", 1);

        private final Attributes attributes = new Attributes();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        volatile ConnectionHandler handler;
        byte[] sent;

        @Override
        public void start(ConnectionHandler h) {
            handler = h;
        }

        @Override
        public CompletableFuture<Void> send(byte[] frame) {
            sent = frame;
            return DONE;
        }

        @Override
        public boolean isOpen() {
            return !closed.isDone();
        }

        @Override
        public void close() {
            if (closed.complete(null) && handler != null) {
                handler.onClose(null);
            }
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return closed;
        }

        @Override
        public SocketAddress remoteAddress() {
            return ADDRESS;
        }

        @Override
        public SocketAddress localAddress() {
            return ADDRESS;
        }

        @Override
        public Attributes attributes() {
            return attributes;
        }
    }
}
