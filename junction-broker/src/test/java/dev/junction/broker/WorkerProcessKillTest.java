package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.RpcClient;
import dev.junction.RpcException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL in the middle of two requests: the idempotent one is answered
 * by another worker, the other one with {@link BrokerErrors#WORKER_LOST} naming the dead worker.
 */
class WorkerProcessKillTest extends BrokerFixture {
    private Process process;

    @AfterEach
    void killProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aKilledWorkersRequestsAreRetriedOrAnsweredWithTheDocumentedError() throws Exception {
        Broker broker = broker(b -> b.idempotent("slow.get"));
        process = WorkerProcess.spawn(backend(broker), "doomed", "capacity=4");
        await().atMost(Duration.ofSeconds(40))
                .until(() -> broker.stats().workers().size() == 1);
        RpcClient client = dealer(broker);
        // both calls go to the only worker and sleep there for 30 s (on any other worker: not at all)
        CompletableFuture<String> idempotent = client.callAsync("slow.get", String.class, 30_000, "doomed");
        CompletableFuture<String> notIdempotent = client.callAsync("slow.put", String.class, 30_000, "doomed");
        await().atMost(WAIT).until(() -> broker.stats().inFlight() == 2);
        workers(broker, "", "rescuer");

        process.destroyForcibly(); // SIGKILL: no BYE, no answer, the heartbeats just stop
        process.waitFor();

        assertThatThrownBy(notIdempotent::join).cause().isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(BrokerErrors.WORKER_LOST);
            assertThat(e.error().message())
                    .startsWith("Worker 'doomed' was lost (no heartbeat for ")
                    .endsWith("while handling 'slow.put'; not retried: the method is not idempotent");
        });
        assertThat(idempotent.join()).isEqualTo("rescuer");
        BrokerStats stats = broker.stats();
        assertThat(stats.retried()).isEqualTo(1);
        assertThat(stats.workersLost()).isEqualTo(1);
        assertThat(stats.workers()).extracting(BrokerStats.Worker::name).containsExactly("rescuer");
    }
}
