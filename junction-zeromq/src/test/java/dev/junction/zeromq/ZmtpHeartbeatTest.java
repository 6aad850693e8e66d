package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZMTP heartbeats detect a dead peer: a proxy freezes the link (TCP stays open, every byte,
 * PINGs and PONGs included, is swallowed), and the socket with {@code zmtpHeartbeatInterval} set
 * must drop that connection itself and reconnect, after which traffic flows again. Without
 * heartbeats nothing would ever close a frozen TCP connection.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class ZmtpHeartbeatTest {
    private static final String HEARTBEATS = "zmtpHeartbeatInterval=200&zmtpHeartbeatTimeout=800";

    @Test
    void aDealerDropsAFrozenLinkAndCallsAgainOverANewOne() throws Exception {
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .listen("zmq-router://127.0.0.1:0")
                        .start();
                FreezableProxy proxy =
                        new FreezableProxy(server.endpoints().get(0).port());
                RpcClient client = Junction.client()
                        .timeout(Duration.ofSeconds(15))
                        .connect("zmq-dealer://127.0.0.1:" + proxy.port() + "?" + HEARTBEATS)) {
            assertThat(client.call("echo", String.class, "before")).isEqualTo("before");
            proxy.freezeAll();

            await().atMost(Duration.ofSeconds(15)).until(() -> proxy.closedByClient() >= 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> proxy.accepted() >= 2);
            assertThat(client.call("echo", String.class, "after")).isEqualTo("after");
        }
    }

    @Test
    void aSubscriberDropsAFrozenLinkAndReceivesAgainOverANewOne() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        int port = FreePort.find();
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:" + port + "?linger=0");
                FreezableProxy proxy = new FreezableProxy(port);
                RpcServer subscriber = Junction.server()
                        .method("tick", String.class, s -> {
                            received.add(s);
                            return null;
                        })
                        .listen("zmq-sub://127.0.0.1:" + proxy.port() + "?" + HEARTBEATS)
                        .start()) {
            publisher.notify("tick", "before");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("before"));
            proxy.freezeAll();

            await().atMost(Duration.ofSeconds(15)).until(() -> proxy.closedByClient() >= 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> proxy.accepted() >= 2);
            // the publisher still has the frozen subscriber's pipe: publish until the new link carries it
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        publisher.notify("tick", "after");
                        return received.contains("after");
                    });
        }
    }
}
