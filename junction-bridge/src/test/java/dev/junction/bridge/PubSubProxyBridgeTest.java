package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The prior art's three proxies with a PUB or SUB side (SUB→REQ, SUB→PUB, REP→PUB), as bridges over
 * junction-zeromq's {@code zmq-sub} and {@code zmq-pub}: what a publisher publishes, or a REQ
 * client sends, reaches the far end as notifications, in order.
 */
class PubSubProxyBridgeTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A server on {@code uri} that records the first param of each {@code event} it gets. */
    private RpcServer recorder(String uri) {
        return keep(Junction.server()
                .method("event", (context, params) -> {
                    received.add(params.get(0).asText());
                    return null;
                })
                .listen(uri)
                .start());
    }

    private void awaitReceived(String... expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected.length);
        assertThat(received).containsExactly(expected);
    }

    @Test
    void subToReqForwardsWhatIsPublishedToAReqServer() throws Exception {
        int rep = recorder("zmq-rep://127.0.0.1:0").endpoints().get(0).port();
        int pub = freePort();
        RpcClient publisher = keep(Junction.connect("zmq-pub://127.0.0.1:" + pub));
        keep(Bridge.from("zmq-sub://127.0.0.1:" + pub)
                .to("zmq-req://127.0.0.1:" + rep)
                .start());

        publisher.notify("event", "s1");
        publisher.notify("event", "s2");
        publisher.notify("event", "s3");

        awaitReceived("s1", "s2", "s3");
    }

    @Test
    void subToPubRepublishesToTheNextSubscriber() throws Exception {
        int upstream = freePort();
        int downstream = freePort();
        RpcClient publisher = keep(Junction.connect("zmq-pub://127.0.0.1:" + upstream));
        keep(Bridge.from("zmq-sub://127.0.0.1:" + upstream)
                .to("zmq-pub://127.0.0.1:" + downstream)
                .start());
        recorder("zmq-sub://127.0.0.1:" + downstream);

        publisher.notify("event", "p1");
        publisher.notify("event", "p2");

        awaitReceived("p1", "p2");
    }

    @Test
    void repToPubPublishesEachRequestAndAcknowledgesIt() throws Exception {
        int pub = freePort();
        int in = keep(Bridge.from("zmq-rep://127.0.0.1:0")
                        .to("zmq-pub://127.0.0.1:" + pub)
                        .notifyOnly(true)
                        .start())
                .endpoints()
                .get(0)
                .port();
        recorder("zmq-sub://127.0.0.1:" + pub);
        RpcClient client = keep(Junction.connect("zmq-req://127.0.0.1:" + in));

        assertThat(client.call("event", JsonNode.class, "r1").toString()).isEqualTo("{\"accepted\":true}");
        assertThat(client.call("event", JsonNode.class, "r2").toString()).isEqualTo("{\"accepted\":true}");

        awaitReceived("r1", "r2");
    }
}
