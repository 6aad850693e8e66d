package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REQ client: lock-step calls, retries, round-robin, and its goodbye. */
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

    @Test
    void closingRightAfterANotificationStillSaysGoodbye() throws InterruptedException {
        // the notification's acknowledgement is still on its way when close() runs, so the REQ
        // socket owes a reply and cannot send BYE yet: the server must drop the peer all the same
        try (RpcServer server = Junction.server()
                .method("note", String.class, s -> s)
                .listen("zmq-router://req-bye-" + java.util.UUID.randomUUID() + "?transport=inproc")
                .start()) {
            for (int i = 0; i < 20; i++) {
                RpcClient client = Junction.connect(
                        "zmq-req://" + server.endpoints().get(0).host() + "?transport=inproc");
                client.notify("note", "n" + i);
                client.close();
                assertThat(within(5_000, () -> server.peers().isEmpty()))
                        .as("server peers after client %d closed", i)
                        .isTrue();
            }
        }
    }

    @Test
    void closingWithACallUnansweredSaysGoodbyeFromAFreshSocket() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RpcServer server = Junction.server()
                .method("slow", String.class, s -> {
                    entered.countDown();
                    try {
                        release.await(8, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return s;
                })
                .listen("zmq-router://127.0.0.1:0")
                .start()) {
            RpcClient client = Junction.connect(
                    "zmq-req://127.0.0.1:" + server.endpoints().get(0).port() + "?linger=200");
            CompletableFuture<String> call = client.callAsync("slow", String.class, "x");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            client.close();
            assertThat(call).failsWithin(5, TimeUnit.SECONDS);
            assertThat(within(5_000, () -> server.peers().isEmpty()))
                    .as("server peers after the client closed with a call unanswered")
                    .isTrue();
        } finally {
            release.countDown();
        }
    }

    private static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
