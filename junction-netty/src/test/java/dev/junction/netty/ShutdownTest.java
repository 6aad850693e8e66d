package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful and immediate server close over tcp://. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownTest {
    private static RpcServer server() {
        return Junction.server()
                .method("sleep", Long.class, ms -> {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ms;
                })
                .listen("tcp://127.0.0.1:0")
                .start();
    }

    @Test
    void gracefulShutdownStopsAcceptingLetsRequestsFinishThenCloses() throws Exception {
        RpcServer server = server();
        String uri = server.endpoints().get(0).toString();
        try (RpcClient client = Junction.connect(uri)) {
            CompletableFuture<Long> inFlight = client.callAsync("sleep", Long.class, 500L);
            Thread.sleep(100);

            CompletableFuture<Void> shutdown =
                    CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(10)));
            Thread.sleep(100);
            assertThatThrownBy(() -> Junction.connect(uri)).isInstanceOf(TransportException.class);

            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(500L);
            shutdown.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void gracefulShutdownClosesAfterTheGracePeriodWhenARequestOverruns() throws Exception {
        RpcServer server = server();
        try (RpcClient client = Junction.connect(server.endpoints().get(0).toString())) {
            CompletableFuture<Long> overrun = client.callAsync("sleep", Long.class, 20_000L);
            Thread.sleep(100);
            long start = System.nanoTime();

            server.shutdown(Duration.ofMillis(300));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> overrun.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void immediateCloseFailsRequestsInFlightAtOnce() throws Exception {
        RpcServer server = server();
        try (RpcClient client = Junction.connect(server.endpoints().get(0).toString())) {
            CompletableFuture<Long> inFlight = client.callAsync("sleep", Long.class, 20_000L);
            Thread.sleep(100);

            server.close();

            assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
        }
    }
}
