package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** zmq-pub clients publishing to zmq-sub servers: topic filters, both framings, calls refused, raw peers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PubSubTest {
    private final List<String> received = new CopyOnWriteArrayList<>();

    private RpcServer subscriber(String uri) {
        return Junction.server()
                .fallback((context, params) -> {
                    received.add(context.method() + ":" + params.get(0).asText());
                    return null;
                })
                .listen(uri)
                .start();
    }

    @Test
    void theSubscriberGetsOnlyTheMethodsItsTopicsName() {
        int port = FreePort.find();
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:" + port);
                RpcServer server = subscriber("zmq-sub://127.0.0.1:" + port + "?topics=price.,end")) {
            publisher.notify("price.eur", "1.1");
            publisher.notify("news.today", "nothing");
            publisher.notify("price.usd", "1.0");
            publisher.notify("end", "x");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("end:x"));
            assertThat(received).containsExactly("price.eur:1.1", "price.usd:1.0", "end:x");
        }
    }

    @Test
    void oneFrameModeFiltersOnTheDecodedMethodName() {
        int port = FreePort.find();
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:" + port + "?frames=1");
                RpcServer server = subscriber("zmq-sub://127.0.0.1:" + port + "?frames=1&topics=a.")) {
            // no subscriber yet: the publisher queues until the subscription arrives, then sends in order
            publisher.notify("b.skip", "1");
            publisher.notify("a.take", "2");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("a.take:2"));
            assertThat(received).containsExactly("a.take:2");
        }
    }

    @Test
    void theSubscriberMayBindAndThePublishersConnect() {
        try (RpcServer server = subscriber("zmq-sub://127.0.0.1:0?bind=true");
                RpcClient a = Junction.connect(
                        "zmq-pub://127.0.0.1:" + server.endpoints().get(0).port() + "?bind=false");
                RpcClient b = Junction.connect(
                        "zmq-pub://127.0.0.1:" + server.endpoints().get(0).port() + "?bind=false")) {
            a.notify("from", "a");
            b.notify("from", "b");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(List.of("from:a", "from:b")));
        }
    }

    @Test
    void aCallOverPubFailsAtOnceWithAClearError() {
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:0")) {
            assertThatThrownBy(() -> publisher.call("price", String.class, "x"))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("A call to 'price' cannot get an answer over zmq-pub");
        }
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Junction.connect("zmq-pub://127.0.0.1:0?frames=3"))
                .hasStackTraceContaining("Option frames must be 1 (payload only) or 2 (topic, payload), not 3");
        assertThatThrownBy(() -> Junction.server()
                        .listen("zmq-sub://127.0.0.1:1?connect=127.0.0.1:2&heartbeatTimeouts=1,2,3")
                        .start())
                .hasStackTraceContaining("heartbeatTimeouts lists 3 values for 2 addresses");
        assertThatThrownBy(() -> Junction.server()
                        .listen("zmq-sub://127.0.0.1:1?heartbeatTimeout=soon")
                        .start())
                .hasStackTraceContaining("Option heartbeatTimeout must be an integer, not 'soon'");
    }

    @Test
    void aRawPublishersTwoFrameMessagesArriveAndItsHostileOnesAreSkipped() throws InterruptedException {
        try (ZContext context = new ZContext(1);
                ZMQ.Socket raw = context.createSocket(SocketType.PUB)) {
            int port = raw.bindToRandomPort("tcp://127.0.0.1");
            try (RpcServer server = subscriber("zmq-sub://127.0.0.1:" + port)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!received.contains("warm:up") && System.nanoTime() < deadline) {
                    // a raw PUB drops what it sends before the subscription has arrived
                    raw.sendMore("warm");
                    raw.send(notification("warm", "up"));
                    Thread.sleep(50);
                }
                assertThat(received).contains("warm:up");
                received.clear();
                raw.send("zmq_sub_heartbeat"); // a bare heartbeat: no message
                raw.sendMore("t");
                raw.send(new byte[] {(byte) 0xff, 1}); // not JSON: the engine answers nobody
                raw.sendMore("t");
                raw.send(new byte[0]); // empty
                raw.send(notification("one", "frame")); // a one-frame message: the payload alone
                raw.sendMore("t");
                raw.send(notification("end", "x"));
                await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("end:x"));
                assertThat(received).containsExactly("one:frame", "end:x");
            }
        }
    }

    @Test
    void aMessageOverTheFrameLimitKillsTheLinkAndTheHeartbeatTimeOutBringsItBack() throws InterruptedException {
        try (ZContext context = new ZContext(1);
                ZMQ.Socket raw = context.createSocket(SocketType.PUB)) {
            int port = raw.bindToRandomPort("tcp://127.0.0.1");
            try (RpcServer server = Junction.server()
                    .fallback((context2, params) -> {
                        received.add(context2.method() + ":" + params.get(0).asText());
                        return null;
                    })
                    .limits(dev.junction.Limits.builder().maxFrameBytes(1024).build())
                    .listen("zmq-sub://127.0.0.1:" + port + "?heartbeatTimeout=1000")
                    .start()) {
                publishUntilSeen(raw, "warm");
                raw.sendMore("big");
                // over ZMQ_MAXMSGSIZE: a protocol error, after which ZeroMQ does not reconnect on its own;
                // the silent endpoint's socket is re-created by the heartbeat time-out
                raw.send(notification("big", "x".repeat(4096)));
                publishUntilSeen(raw, "after");
                assertThat(received).noneMatch(r -> r.startsWith("big:"));
            }
        }
    }

    /** A raw PUB drops what it sends while no subscriber is connected: sends until the subscriber has it. */
    private void publishUntilSeen(ZMQ.Socket raw, String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.contains(method + ":up") && System.nanoTime() < deadline) {
            raw.sendMore(method);
            raw.send(notification(method, "up"));
            Thread.sleep(50);
        }
        assertThat(received).contains(method + ":up");
    }

    static byte[] notification(String method, String text) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":[\"" + text + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
