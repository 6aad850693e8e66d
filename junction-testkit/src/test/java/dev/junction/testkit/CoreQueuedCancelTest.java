package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.service.Services;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression test: a cancel that arrives while its request still waits in the server's queue
 * (behind {@code Limits.maxConcurrentRequests}) reaches it. The request is registered for
 * cancellation when it is dispatched, not when its handler starts, and a request cancelled before
 * it ran is answered -32800 without running its handler.
 */
class CoreQueuedCancelTest {
    @Test
    void cancellingACallQueuedOnTheServerReachesItsContext() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> cancelledAtStart = new CompletableFuture<>();
        Services services = Services.builder()
                .method("hold", (ctx, params) -> {
                    holding.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return "held";
                })
                .method("probe", (ctx, params) -> cancelledAtStart.complete(ctx.isCancelled()))
                // Runs inline on the transport thread: its answer proves every earlier frame was dispatched.
                .nonBlockingMethod("ping", (ctx, params) -> "pong")
                .build();
        String uri = "mem://core-queued-cancel";
        RpcServer server = Junction.server()
                .services(services)
                .limits(Limits.builder().maxConcurrentRequests(1).build())
                .listen(uri)
                .start();
        try (RpcClient client = Junction.connect(uri)) {
            CompletableFuture<String> hold = client.callAsync("hold", String.class);
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> probe = client.callAsync("probe", Object.class);
            assertThat(client.call("ping", String.class)).isEqualTo("pong"); // probe is queued now
            assertThat(probe.cancel(true)).isTrue();
            assertThat(client.call("ping", String.class)).isEqualTo("pong"); // the cancel was processed

            release.countDown();
            assertThat(hold.get(10, TimeUnit.SECONDS)).isEqualTo("held");

            assertThat(client.call("ping", String.class)).isEqualTo("pong");
            // A request cancelled while it waited in the queue is answered -32800 without running.
            assertThat(cancelledAtStart)
                    .as("the cancelled request's handler never ran")
                    .isNotDone();
        } finally {
            server.close();
        }
    }
}
