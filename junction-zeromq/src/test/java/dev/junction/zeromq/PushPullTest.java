package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** zmq-push clients notifying a zmq-pull server: fan-in, binding either way, calls refused, bad input. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PushPullTest {
    private final List<String> received = new CopyOnWriteArrayList<>();

    private RpcServer pullServer(String uri) {
        return Junction.server()
                .method("log", String.class, s -> {
                    received.add(s);
                    return null;
                })
                .listen(uri)
                .start();
    }

    @Test
    void manyPushersFanInToOnePuller() {
        try (RpcServer server = pullServer("zmq-pull://127.0.0.1:0")) {
            int port = server.endpoints().get(0).port();
            List<RpcClient> pushers = new ArrayList<>();
            try {
                for (int p = 0; p < 3; p++) {
                    pushers.add(Junction.connect("zmq-push://127.0.0.1:" + port));
                }
                for (int i = 0; i < 5; i++) {
                    for (int p = 0; p < pushers.size(); p++) {
                        pushers.get(p).notify("log", "p" + p + "-" + i);
                    }
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 15);
                assertThat(received).doesNotHaveDuplicates().contains("p0-4", "p1-4", "p2-4");
                // one connection stands for every pusher: PULL cannot tell them apart
                assertThat(server.peers()).hasSize(1);
            } finally {
                pushers.forEach(RpcClient::close);
            }
        }
    }

    @Test
    void thePullerMayConnectToAPusherThatBinds() {
        int port = FreePort.find();
        try (RpcClient pusher = Junction.connect("zmq-push://127.0.0.1:" + port + "?bind=true");
                RpcServer server = pullServer("zmq-pull://127.0.0.1:" + port + "?bind=false")) {
            pusher.notify("log", "reversed");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("reversed"));
        }
    }

    @Test
    void aBoundPusherQueuesUpToItsLimitUntilAPullerComesAndDropsTheOldestPastIt() {
        int port = FreePort.find();
        try (RpcClient pusher =
                Junction.connect("zmq-push://127.0.0.1:" + port + "?bind=true&queueLimit=3&overflow=drop-oldest")) {
            for (int i = 0; i < 5; i++) {
                pusher.notify("log", "q" + i); // nobody to take them: q0 and q1 are dropped
            }
            try (RpcServer server = pullServer("zmq-pull://127.0.0.1:" + port + "?bind=false")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
                pusher.notify("log", "end");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("end"));
                assertThat(received).containsExactly("q2", "q3", "q4", "end");
            }
        }
    }

    @Test
    void aCallOverPushFailsAtOnceWithAClearError() {
        try (RpcServer server = pullServer("zmq-pull://127.0.0.1:0");
                RpcClient pusher = Junction.connect(
                        "zmq-push://127.0.0.1:" + server.endpoints().get(0).port())) {
            assertThatThrownBy(() -> pusher.call("log", String.class, "x"))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("A call to 'log' cannot get an answer over zmq-push")
                    .hasMessageContaining("use zmq-dealer or zmq-req");
            pusher.notify("log", "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
            assertThat(received).containsExactly("after");
        }
    }

    @Test
    void eachSchemeBelongsToOneSide() {
        assertThatThrownBy(() -> Junction.connect("zmq-pull://127.0.0.1:1"))
                .hasStackTraceContaining("zmq-pull:// is an endpoint to listen on");
        assertThatThrownBy(
                        () -> Junction.server().listen("zmq-push://127.0.0.1:0").start())
                .hasStackTraceContaining("zmq-push:// is an endpoint to connect to");
    }

    @Test
    void garbageEmptyAndMultiFrameMessagesFromARawPusherLeaveThePullerServing() {
        try (RpcServer server = pullServer("zmq-pull://127.0.0.1:0");
                ZContext context = new ZContext(1);
                ZMQ.Socket raw = context.createSocket(SocketType.PUSH)) {
            raw.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
            raw.connect("tcp://127.0.0.1:" + server.endpoints().get(0).port());
            raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"par".getBytes(StandardCharsets.UTF_8)); // truncated
            raw.send(new byte[] {(byte) 0xff, 0, 1, 2}); // not JSON
            raw.send(new byte[0]); // empty
            raw.sendMore("a routing-looking frame");
            raw.send(notification("multi")); // the last frame is the payload
            raw.send(notification("end"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("end"));
            assertThat(received).containsExactly("multi", "end");
        }
    }

    @Test
    void aMessageOverTheFrameLimitDropsOnlyThatPushersLink() {
        try (RpcServer server = Junction.server()
                        .method("log", JsonNode.class, s -> {
                            received.add(s.asText());
                            return null;
                        })
                        .limits(dev.junction.Limits.builder()
                                .maxFrameBytes(1024)
                                .build())
                        .listen("zmq-pull://127.0.0.1:0")
                        .start();
                ZContext context = new ZContext(1);
                ZMQ.Socket big = context.createSocket(SocketType.PUSH);
                RpcClient good = Junction.connect(
                        "zmq-push://127.0.0.1:" + server.endpoints().get(0).port())) {
            big.setLinger(0);
            big.setHandshakeIvl(1000);
            big.connect("tcp://127.0.0.1:" + server.endpoints().get(0).port());
            big.send(notification("x".repeat(4096)));
            good.notify("log", "small");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("small"));
            assertThat(received).containsExactly("small");
        }
    }

    static byte[] notification(String text) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":[\"" + text + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
