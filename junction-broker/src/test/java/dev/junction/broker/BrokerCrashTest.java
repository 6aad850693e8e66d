package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.DeadlineExceededException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker process killed with SIGKILL while a call is in flight, and a new broker started on
 * the same ports: the call in flight times out on the client; the worker registers with the new
 * broker; the same client's next call is served.
 */
class BrokerCrashTest extends BrokerFixture {
    private Process process;

    @AfterEach
    void killProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void afterABrokerCrashTheWorkerRegistersWithTheNextBrokerAndTheClientCarriesOn() throws Exception {
        Object[] spawned = BrokerProcess.spawn();
        process = (Process) spawned[0];
        int front = (Integer) spawned[1];
        int back = (Integer) spawned[2];
        closeLater(TestWorkers.start("127.0.0.1:" + back, "steady", ""));
        RpcClient client =
                closeLater(Junction.client().timeout(Duration.ofSeconds(3)).connect("zmq-dealer://127.0.0.1:" + front));
        await().atMost(WAIT).ignoreExceptions().until(() -> "steady".equals(client.call("whoami", String.class)));
        CompletableFuture<String> inFlight = client.callAsync("slow.put", String.class, 1500);
        Thread.sleep(300); // let it reach the worker

        process.destroyForcibly(); // SIGKILL: no answer, no BYE to anyone
        process.waitFor();
        assertThatThrownBy(inFlight::join).cause().isInstanceOf(DeadlineExceededException.class);

        Broker next = closeLater(Broker.builder()
                .frontend("zmq-router://127.0.0.1:" + front)
                .backend("zmq-router://127.0.0.1:" + back)
                .heartbeatInterval(Duration.ofMillis(200))
                .build()
                .start());
        await().atMost(WAIT).until(() -> next.stats().workers().size() == 1); // the worker's heartbeat gets WHO
        assertThat(client.isOpen()).isTrue();
        await().atMost(WAIT).ignoreExceptions().until(() -> "steady".equals(client.call("whoami", String.class)));
        assertThat(next.stats().answered()).isPositive();
        assertThat(next.stats().workers().get(0).name()).isEqualTo("steady");
    }
}
