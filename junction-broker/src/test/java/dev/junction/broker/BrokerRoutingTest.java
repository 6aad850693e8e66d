package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.BatchResult;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Clients of junction-zeromq reach workers through the broker, unchanged. */
class BrokerRoutingTest extends BrokerFixture {
    @Test
    void dealerAndReqClientsCallWorkersThroughTheBroker() {
        Broker broker = broker();
        workers(broker, "", "w1");
        RpcClient dealer = dealer(broker);
        RpcClient req = req(broker);

        assertThat(dealer.call("whoami", String.class)).isEqualTo("w1");
        assertThat(dealer.call("echo", JsonNode.class, 1, "two").toString()).isEqualTo("[1,\"two\"]");
        assertThat(req.call("echo", JsonNode.class, "req").toString()).isEqualTo("[\"req\"]");
        req.notify("note", "from req"); // a REQ client's notification is acknowledged by the broker
        assertThat(req.call("whoami", String.class)).isEqualTo("w1");
        assertThatThrownBy(() -> dealer.call("nope", String.class))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
        assertThat(broker.stats().clients()).isEqualTo(2);
        assertThat(broker.stats().answered()).isEqualTo(5);
    }

    @Test
    void aClientThatClosesIsForgottenAndItsWorkerConnectionClosed() {
        Broker broker = broker();
        workers(broker, "", "w1");
        RpcClient dealer = dealer(broker);
        dealer.call("whoami", String.class);
        assertThat(broker.stats().clients()).isEqualTo(1);
        dealer.close();
        await().atMost(WAIT).until(() -> broker.stats().clients() == 0);
    }

    @Test
    void aNotificationGoesToExactlyOneWorker() {
        Broker broker = broker();
        workers(broker, "", "n1", "n2");
        RpcClient client = dealer(broker);
        client.notify("note", "once");
        await().atMost(WAIT).until(() -> notesWith("once") == 1);
        client.call("whoami", String.class); // a round trip after: no second delivery is on its way
        assertThat(notesWith("once")).isEqualTo(1);
        assertThat(broker.stats().notifications()).isEqualTo(1);
    }

    private static long notesWith(String text) {
        return TestWorkers.NOTES.values().stream()
                .flatMap(List::stream)
                .filter(n -> n.toString().contains(text))
                .count();
    }

    @Test
    void notificationsAWorkerPushesReachTheClientThatSubscribed() {
        Broker broker = broker();
        workers(broker, "", "pub");
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        RpcClient client = dealer(broker, dev.junction.Junction.client().method("event", (ctx, params) -> {
            events.add(params);
            return null;
        }));
        assertThat(client.call("subscribe", String.class, 5)).isEqualTo("pub");
        await().atMost(WAIT).until(() -> events.size() == 5);
        assertThat(events.get(4).toString()).isEqualTo("[\"pub\",4]");
    }

    @Test
    void aBatchGoesToOneWorkerAndIsAnsweredAsAWhole() {
        Broker broker = broker();
        workers(broker, "", "b1");
        RpcClient client = dealer(broker);
        dev.junction.BatchBuilder batch = client.batch();
        CompletableFuture<String> who = batch.call("whoami", String.class);
        CompletableFuture<JsonNode> echo = batch.call("echo", JsonNode.class, 7);
        BatchResult result = batch.notify("note", "in a batch").send();
        assertThat(result.size()).isEqualTo(2);
        assertThat(who.join()).isEqualTo("b1");
        assertThat(echo.join().toString()).isEqualTo("[7]");
        await().atMost(WAIT).until(() -> notesWith("in a batch") == 1);
    }

    @Test
    void eachRequestGoesToTheLeastBusyWorkerAndNoneGetsMoreThanItsCapacity() {
        Broker broker = broker();
        workers(broker, "capacity=2", "a", "b");
        RpcClient client = dealer(broker);

        // one held call occupies a worker; the next call goes to the idle one
        CompletableFuture<String> longCall = client.callAsync("hold", String.class, "routing-long");
        await().atMost(WAIT).until(() -> broker.stats().inFlight() == 1);
        String busy = broker.stats().workers().stream()
                .filter(w -> w.inFlight() == 1)
                .findFirst()
                .orElseThrow()
                .name();
        String idle = busy.equals("a") ? "b" : "a";
        assertThat(client.call("whoami", String.class)).isEqualTo(idle);
        TestWorkers.open("routing-long");
        assertThat(longCall.join()).isEqualTo(busy);

        // eight held at once on 2 x 2 slots: two run on each worker, four wait at the broker
        Map<String, Long> servedBefore = served(broker);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(client.callAsync("hold", String.class, "routing-eight"));
        }
        await().atMost(WAIT)
                .until(() -> broker.stats().queued() == 4 && broker.stats().inFlight() == 4);
        assertThat(broker.stats().workers())
                .allSatisfy(w -> assertThat(w.inFlight()).isEqualTo(2));
        TestWorkers.open("routing-eight");
        calls.forEach(CompletableFuture::join);
        Map<String, Long> servedAfter = served(broker);
        assertThat(servedAfter.get("a") - servedBefore.get("a") + servedAfter.get("b") - servedBefore.get("b"))
                .isEqualTo(8);
        assertThat(TestWorkers.PEAK.get("a").get()).isLessThanOrEqualTo(2);
        assertThat(TestWorkers.PEAK.get("b").get()).isLessThanOrEqualTo(2);
    }

    private static Map<String, Long> served(Broker broker) {
        Map<String, Long> result = new HashMap<>();
        broker.stats().workers().forEach(w -> result.put(w.name(), w.served()));
        return result;
    }

    @Test
    void aRequestNoWorkerTakesInTimeIsAnsweredNoWorker() {
        Broker broker = broker(b -> b.queueTimeout(java.time.Duration.ofMillis(300)));
        RpcClient client = dealer(broker);
        assertThatThrownBy(() -> client.call("whoami", String.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(BrokerErrors.NO_WORKER);
            assertThat(e.getMessage())
                    .contains("No worker had room for 'whoami' within 300 ms (0 worker(s) registered)");
        });
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        Broker broker = broker(b -> b.queueLimit(0));
        RpcClient client = dealer(broker);
        assertThatThrownBy(() -> client.call("whoami", String.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(BrokerErrors.QUEUE_FULL);
            assertThat(e.getMessage()).contains("queueLimit=0");
        });
    }

    @Test
    void aQueuedRequestWaitsForAWorkerThatRegistersLater() {
        Broker broker = broker();
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("whoami", String.class);
        await().atMost(WAIT).until(() -> broker.stats().queued() == 1);
        worker(broker, "late", "");
        assertThat(call.join()).isEqualTo("late");
    }

    @Test
    void cancellingAQueuedRequestTakesItOffTheQueue() {
        Broker broker = broker();
        RpcClient client = dealer(broker);
        CompletableFuture<String> call = client.callAsync("whoami", String.class);
        await().atMost(WAIT).until(() -> broker.stats().queued() == 1);
        call.cancel(true);
        await().atMost(WAIT).until(() -> broker.stats().queued() == 0);
    }
}
