package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A REQ client's lazy pirate against real failures: a REP server killed and restarted, a dead endpoint. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class ReqFaultTest {
    @Test
    void aRepServerKilledMidCallAndRestartedOnTheSamePortIsRecoveredFromByRetrying() throws Exception {
        int port = FreePort.find();
        CountDownLatch callArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RpcServer first = Junction.server()
                .method("who", String.class, s -> {
                    callArrived.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS); // hangs until the server is gone
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "first";
                })
                .listen("zmq-rep://127.0.0.1:" + port)
                .start();
        AtomicReference<RpcServer> second = new AtomicReference<>();
        try (RpcClient client = Junction.client()
                .timeout(Duration.ofSeconds(30))
                .connect("zmq-req://127.0.0.1:" + port + "?requestTimeout=700&retries=20")) {
            CompletableFuture<String> call = client.callAsync("who", String.class, "x");
            assertThat(callArrived.await(10, TimeUnit.SECONDS)).isTrue();
            first.close(); // killed with the request in hand: its answer never leaves
            release.countDown();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
                second.set(Junction.server()
                        .method("who", String.class, s -> "second")
                        .listen("zmq-rep://127.0.0.1:" + port)
                        .start());
                return true;
            });
            assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(client.call("who", String.class, "y")).isEqualTo("second");
        } finally {
            first.close();
            if (second.get() != null) {
                second.get().close();
            }
        }
    }

    @Test
    void roundRobinOverTwoEndpointsWhereOneIsDeadStillAnswersEveryCall() {
        int dead = FreePort.find();
        try (RpcServer live = Junction.server()
                        .method("who", String.class, s -> "live")
                        .listen("zmq-rep://127.0.0.1:0")
                        .start();
                RpcClient client = Junction.client()
                        .timeout(Duration.ofSeconds(20))
                        .connect("zmq-req://127.0.0.1:" + dead + "?connect=127.0.0.1:"
                                + live.endpoints().get(0).port() + "&requestTimeout=500&retries=3")) {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(client.call("who", String.class, i));
            }
            assertThat(answers).containsExactly("live", "live", "live", "live");
        }
    }
}
