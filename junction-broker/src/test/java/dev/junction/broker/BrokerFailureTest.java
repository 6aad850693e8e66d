package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.RpcClient;
import dev.junction.RpcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

/** Workers that fall silent, a second loss, hostile backend input, and the broker restarting. */
class BrokerFailureTest extends BrokerFixture {
    @Test
    void aSilentWorkersNonIdempotentRequestIsAnsweredWorkerLost() throws Exception {
        Broker broker = broker();
        FakeWorker fake = closeLater(new FakeWorker(broker, "frozen", "")).awaitRegistered(broker);
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("slow.put", String.class, 10);
        assertThat(fake.takeRequest()).contains("\"slow.put\"");

        // the fake says nothing more: after 3 x 500 ms the broker drops it
        assertThatThrownBy(call::join).cause().isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(BrokerErrors.WORKER_LOST);
            assertThat(e.error().message())
                    .startsWith("Worker 'frozen' was lost (no heartbeat for ")
                    .endsWith("while handling 'slow.put'; not retried: the method is not idempotent");
            assertThat(e.error().data().get("worker").asText()).isEqualTo("frozen");
            assertThat(e.error().data().get("attempts").asInt()).isEqualTo(1);
        });
        assertThat(broker.stats().workersLost()).isEqualTo(1);
        assertThat(broker.stats().workers()).isEmpty();
    }

    @Test
    void aSilentWorkersIdempotentRequestIsAnsweredByAnotherWorker() throws Exception {
        Broker broker = broker(b -> b.idempotent("calc.*,slow.get"));
        FakeWorker fake = closeLater(new FakeWorker(broker, "frozen", "")).awaitRegistered(broker);
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("slow.get", String.class, 10);
        fake.takeRequest();
        worker(broker, "healthy", "");

        assertThat(call.join()).isEqualTo("healthy");
        assertThat(broker.stats().retried()).isEqualTo(1);
    }

    @Test
    void aWorkerDeclaresItsOwnIdempotentMethodsInReady() throws Exception {
        Broker broker = broker();
        FakeWorker fake = closeLater(new FakeWorker(broker, "frozen", ",\"idempotent\":[\"slow.*\"]"))
                .awaitRegistered(broker);
        assertThat(broker.stats().workers().get(0).idempotent()).containsExactly("slow.*");
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("slow.put", String.class, 10);
        fake.takeRequest();
        worker(broker, "healthy", "");
        assertThat(call.join()).isEqualTo("healthy");
    }

    @Test
    void anIdempotentRequestIsRetriedOnlyOnce() throws Exception {
        Broker broker = broker(b -> b.idempotent("slow.get"));
        FakeWorker first = closeLater(new FakeWorker(broker, "first", "")).awaitRegistered(broker);
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("slow.get", String.class, 10);
        first.takeRequest();
        FakeWorker second = closeLater(new FakeWorker(broker, "second", ""));
        second.takeRequest(); // the retry, once "first" is dropped

        assertThatThrownBy(call::join).cause().isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(BrokerErrors.WORKER_LOST);
            assertThat(e.error().message())
                    .startsWith("Worker 'second' was lost")
                    .endsWith("it had been retried once already");
            assertThat(e.error().data().get("attempts").asInt()).isEqualTo(2);
        });
    }

    @Test
    void hostileBackendInputIsRefusedAndTheBrokerCarriesOn() {
        Broker broker = broker();
        try (RawZmq raw = new RawZmq(SocketType.DEALER, "tcp://" + backend(broker), "hostile")) {
            raw.send("HB"); // not registered: asked to register
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("WHO");
            raw.send("READY", "{not json");
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("BYE");
            raw.send("READY", "{\"protocol\":1,\"capacity\":0,\"heartbeatMillis\":100}");
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("BYE");
            raw.send("READY", "{\"protocol\":99,\"capacity\":1,\"heartbeatMillis\":100}");
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("BYE");
            raw.send("READY"); // no JSON frame at all
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("BYE");
            raw.send(new byte[0]); // an empty command from an unknown worker
            assertThat(RawZmq.text(raw.receive().get(0))).isEqualTo("WHO");
        }
        assertThat(broker.stats().workers()).isEmpty();
        workers(broker, "", "fine");
        try (RawZmq raw = new RawZmq(SocketType.DEALER, "tcp://" + backend(broker), "registered")) {
            raw.send("READY", "{\"protocol\":1,\"name\":\"odd\",\"capacity\":1,\"heartbeatMillis\":100000}");
            await().atMost(WAIT).until(() -> broker.stats().workers().size() == 2);
            raw.send("OUT"); // malformed: no client, no payload
            raw.send("OUT", "nobody", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}"); // answers nothing in flight
            raw.send("WHAT");
            await().atMost(WAIT).until(() -> broker.stats().unmatched() == 1);
            raw.send("BYE"); // leaves in order: it holds no request, so it is gone at once
            await().atMost(WAIT).until(() -> broker.stats().workers().size() == 1);
        }
        assertThat(dealer(broker).call("whoami", String.class)).isEqualTo("fine");
        assertThat(broker.stats().workersLost()).isZero();
    }

    @Test
    void afterABrokerRestartWorkersRegisterAgainAndCallsWork() {
        Broker first = Broker.builder()
                .frontend("zmq-router://127.0.0.1:0")
                .backend("zmq-router://127.0.0.1:0")
                .heartbeatInterval(java.time.Duration.ofMillis(200))
                .build()
                .start();
        String front = first.frontendEndpoint().toString();
        String back = first.backendEndpoint().toString();
        workers(first, "", "survivor");
        RpcClient before = dealer(first);
        assertThat(before.call("whoami", String.class)).isEqualTo("survivor");
        CompletableFuture<String> pending = before.callAsync("slow.put", String.class, 2000);
        await().atMost(WAIT).until(() -> first.stats().inFlight() == 1);

        first.close();
        // the call in flight is answered by the closing broker, then its BYE closes the client
        assertThatThrownBy(pending::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(BrokerErrors.BROKER_CLOSING));
        await().atMost(WAIT).until(() -> !before.isOpen());

        Broker second = closeLater(Broker.builder()
                .frontend(front)
                .backend(back)
                .heartbeatInterval(java.time.Duration.ofMillis(200))
                .build()
                .start());
        await().atMost(WAIT).until(() -> second.stats().workers().size() == 1);
        assertThat(dealer(second).call("whoami", String.class)).isEqualTo("survivor");
    }

    @Test
    void aWorkerThatClosesFinishesItsRequestsFirst() {
        Broker broker = broker();
        dev.junction.RpcServer leaving = worker(broker, "leaving", "");
        await().atMost(WAIT).until(() -> broker.stats().workers().size() == 1);
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("slow.put", String.class, 500);
        await().atMost(WAIT).until(() -> broker.stats().inFlight() == 1);
        CompletableFuture.runAsync(() -> leaving.shutdown(java.time.Duration.ofSeconds(5)));
        assertThat(call.join()).isEqualTo("leaving");
        await().atMost(WAIT).until(() -> broker.stats().workers().isEmpty());
        assertThat(broker.stats().workersLost()).isZero();
        List<BrokerStats.Worker> none = broker.stats().workers();
        assertThat(none).isEmpty();
    }
}
