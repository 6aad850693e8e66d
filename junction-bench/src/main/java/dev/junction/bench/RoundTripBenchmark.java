package dev.junction.bench;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.service.MethodHandler;
import dev.junction.service.Services;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole call through the engine over the in-memory transport ({@code mem://}): client encode,
 * hand-off to the server's delivery thread, decode, dispatch, the {@code echo} handler, encode, hand-off
 * back, decode, completion of the caller's future, binding of the result to {@code String}. No
 * sockets and no framing, so what remains is the engine's and the codec's CPU, allocation and
 * thread hand-offs. Client and server run in this one JVM and share the machine's cores.
 *
 * <ul>
 *   <li>{@link #blockingCall}: one {@code client.call("echo", String.class, "hello")} at a time.
 *   <li>{@link #pipelined128}: 128 {@code callAsync} in flight, then join them all; the score is per
 *       call ({@code @OperationsPerInvocation(128)}).
 * </ul>
 *
 * {@code handler} selects how the server runs {@code echo}: {@code executor} registers it as a normal
 * handler (run on the peer's executor, one more thread hop per call), {@code nonBlocking} as a
 * non-blocking handler run inline on the transport thread. Both use the same raw handler, which
 * returns the first param's text, so the only difference is where it runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBenchmark {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int IN_FLIGHT = 128;

    @Param({"executor", "nonBlocking"})
    public String handler;

    private RpcServer server;
    private RpcClient client;

    @Setup(Level.Trial)
    public void setup() {
        MethodHandler echo = (ctx, params) -> params.get(0).textValue();
        Services.Builder services = Services.builder();
        switch (handler) {
            case "executor":
                services.method("echo", echo);
                break;
            case "nonBlocking":
                services.nonBlockingMethod("echo", echo);
                break;
            default:
                throw new IllegalArgumentException("handler: " + handler);
        }
        String uri = "mem://bench-" + COUNT.incrementAndGet();
        server = Junction.server().services(services.build()).listen(uri).start();
        client = Junction.connect(uri);
        String answer = client.call("echo", String.class, "hello");
        if (!"hello".equals(answer)) {
            throw new IllegalStateException("echo answered " + answer);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        server.close();
    }

    @Benchmark
    public String blockingCall() {
        return client.call("echo", String.class, "hello");
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void pipelined128(Blackhole bh) {
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] calls = new CompletableFuture[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls[i] = client.callAsync("echo", String.class, "hello");
        }
        for (CompletableFuture<String> call : calls) {
            bh.consume(call.join());
        }
    }
}
