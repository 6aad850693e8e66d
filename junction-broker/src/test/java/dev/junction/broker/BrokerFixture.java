package dev.junction.broker;

import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/** Starts brokers, workers and clients on free ports and closes them after each test. */
abstract class BrokerFixture {
    static final Duration WAIT = Duration.ofSeconds(20);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    Broker broker(Consumer<Broker.Builder> settings) {
        Broker.Builder builder = Broker.builder()
                .frontend("zmq-router://127.0.0.1:0")
                .backend("zmq-router://127.0.0.1:0")
                .heartbeatInterval(Duration.ofMillis(200));
        settings.accept(builder);
        return closeLater(builder.build().start());
    }

    Broker broker() {
        return broker(b -> {});
    }

    static String backend(Broker broker) {
        return "127.0.0.1:" + broker.backendEndpoint().port();
    }

    static String frontend(Broker broker) {
        return "127.0.0.1:" + broker.frontendEndpoint().port();
    }

    RpcServer worker(Broker broker, String name, String options) {
        return closeLater(TestWorkers.start(backend(broker), name, options));
    }

    /** Starts workers and waits until the broker has them all. */
    void workers(Broker broker, String options, String... names) {
        int before = broker.stats().workers().size();
        for (String name : names) {
            worker(broker, name, options);
        }
        await().atMost(WAIT).until(() -> broker.stats().workers().size() == before + names.length);
    }

    /** A DEALER client of the broker, once the broker has its HELLO. */
    RpcClient dealer(Broker broker) {
        return dealer(broker, Junction.client());
    }

    RpcClient dealer(Broker broker, Junction.ClientBuilder builder) {
        int before = broker.stats().clients();
        RpcClient client = closeLater(builder.timeout(WAIT).connect("zmq-dealer://" + frontend(broker)));
        await().atMost(WAIT).until(() -> broker.stats().clients() > before);
        return client;
    }

    /** A REQ client of the broker, with lazy pirate retries. */
    RpcClient req(Broker broker) {
        return closeLater(Junction.client()
                .timeout(WAIT)
                .connect("zmq-req://" + frontend(broker) + "?requestTimeout=4000&retries=3"));
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }
}
