package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful and immediate server shutdown. */
class ServerShutdownTest {

    @Test
    void gracefulShutdownLetsRequestsInFlightFinishThenRefusesNewConnections() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("work", (ctx, p) -> {
            started.countDown();
            Thread.sleep(200);
            return "finished";
        }))) {
            CompletableFuture<String> call = pair.client.callAsync("work", String.class);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            pair.server.shutdown(Duration.ofSeconds(10));
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("finished");
            String uri = pair.server.endpoints().get(0).toString();
            assertThatThrownBy(() -> Junction.connect(uri)).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void requestsStillRunningWhenTheGracePeriodEndsFailWithConnectionClosed() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (MemPair pair = MemPair.of(s -> s.method("stuck", (ctx, p) -> {
            started.countDown();
            never.await();
            return null;
        }))) {
            CompletableFuture<Object> call = pair.client.callAsync("stuck", Object.class);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            pair.server.shutdown(Duration.ofMillis(100));
            assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
        } finally {
            never.countDown();
        }
    }
}
