package dev.junction.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Junction's ZeroMQ PUSH/PULL and PUB/SUB against pyzmq 24 (libzmq 4.3.4) in Debian's python3
 * ({@code peers/zmq_patterns_peer.py}): the exact frames each side sees.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqPatternPythonInteropTest {
    @BeforeAll
    static void pyzmqInstalled() {
        Peers.requirePython();
        ZmqPatternPeers.requirePyzmq();
    }

    private static PeerProcess python(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Peers.PYTHON, Peers.script("zmq_patterns_peer.py").toString()));
        command.addAll(List.of(args));
        return PeerProcess.start("pyzmq " + args[0], Peers.moduleDir(), command);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pyzmqPushToJunctionPull() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RpcServer server = Junction.server()
                        .method("log", String.class, s -> {
                            received.add(s);
                            return null;
                        })
                        .listen("zmq-pull://127.0.0.1:0")
                        .start();
                PeerProcess peer =
                        python("push", String.valueOf(server.endpoints().get(0).port()), "5")) {
            assertThat(peer.awaitSuccess(Duration.ofSeconds(30)))
                    .extracting(j -> j.get("sent").asInt())
                    .containsExactly(5);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);
            assertThat(received).containsExactly("py-0", "py-1", "py-2", "py-3", "py-4");
        }
    }

    @Test
    void junctionPubToPyzmqSubSeesTopicAndPayloadFramesAndTheBareHeartbeat() {
        int port = freePort();
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:" + port + "?heartbeatInterval=200");
                PeerProcess peer = python("sub", String.valueOf(port), "3", "price.", "zmq_sub_heartbeat")) {
            // queued until pyzmq's subscription arrives, then sent in order; news.* is filtered out by ZeroMQ
            publisher.notify("news.today", "skip");
            publisher.notify("price.eur", 1.1);
            publisher.notify("price.usd", 1.0);
            List<JsonNode> lines = peer.awaitSuccess(Duration.ofSeconds(30));
            List<String> messages = new ArrayList<>();
            for (JsonNode line : lines) {
                messages.add(line.get("frames").toString());
            }
            assertThat(messages)
                    .filteredOn(m -> !m.equals("[\"zmq_sub_heartbeat\"]"))
                    .containsExactly(
                            "[\"price.eur\",\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"method\\\":\\\"price.eur\\\",\\\"params\\\":[1.1]}\"]",
                            "[\"price.usd\",\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"method\\\":\\\"price.usd\\\",\\\"params\\\":[1.0]}\"]");
            // three messages in all: the two prices, and at least one bare one-frame heartbeat before or between
            assertThat(messages).hasSize(3).contains("[\"zmq_sub_heartbeat\"]");
        }
    }

    @Test
    void pyzmqPubToJunctionSubWithATopicFilterAndItsBareHeartbeats() {
        int port = freePort();
        List<String> received = new CopyOnWriteArrayList<>();
        try (PeerProcess peer = python("pub", String.valueOf(port), "20")) {
            assertThat(peer.nextLine(Duration.ofSeconds(10)).get("bound").asInt())
                    .isEqualTo(port);
            try (RpcServer server = Junction.server()
                    .fallback((context, params) -> {
                        received.add(context.method() + params);
                        return null;
                    })
                    .listen("zmq-sub://127.0.0.1:" + port + "?topics=price.&heartbeatTimeout=2000")
                    .start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 6);
            }
        }
        // whole rounds, in order, from the first round this subscriber saw: no news.*, no heartbeat as a call
        int first = Integer.parseInt(received.get(0).replaceAll("\\D", ""));
        List<String> expected = new ArrayList<>();
        for (int round = first; expected.size() < 6; round++) {
            expected.add("price.eur[" + round + "]");
            expected.add("price.usd[" + round + "]");
        }
        if (received.get(0).startsWith("price.usd")) {
            expected.remove(0); // joined between the two prices of a round
            expected.add("price.eur[" + (first + 3) + "]");
        }
        assertThat(received.subList(0, 6)).containsExactlyElementsOf(expected);
    }
}
