package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REQ client: lock-step calls, retries, round-robin. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReqClientTest {
    @Test
    void manySequentialCallsAreQuick() {
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .listen("zmq-rep://127.0.0.1:0")
                        .start();
                RpcClient client = Junction.connect(
                        "zmq-req://127.0.0.1:" + server.endpoints().get(0).port())) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                assertThat(client.call("echo", String.class, "m" + i)).isEqualTo("m" + i);
            }
            System.out.println("REQ 200 calls ms: " + (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void manySequentialDealerCallsAreQuick() {
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .listen("zmq-router://127.0.0.1:0")
                        .start();
                RpcClient client = Junction.connect(
                        "zmq-dealer://127.0.0.1:" + server.endpoints().get(0).port())) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                assertThat(client.call("echo", String.class, "m" + i)).isEqualTo("m" + i);
            }
            System.out.println("DEALER 200 calls ms: " + (System.nanoTime() - start) / 1_000_000);
        }
    }
}
