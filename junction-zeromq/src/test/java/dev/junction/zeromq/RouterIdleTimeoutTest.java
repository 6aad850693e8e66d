package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * {@code idleTimeout} on a ROUTER: DEALER peers that are not Junction (no HELLO, never a BYE) are
 * forgotten once silent that long, unless an answer is still owed to them; Junction peers stay.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterIdleTimeoutTest {
    private static final String FOREIGN = "#666f726569676e"; // "foreign" in hex, as remoteAddress shows it
    private static final String WAITING = "#77616974696e67"; // "waiting"

    private static String peers(RpcServer server) {
        return server.peers().stream()
                .map(p -> p.remoteAddress().toString())
                .toList()
                .toString();
    }

    private static byte[] request(int id, String method) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[\"x\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String answer(ZMQ.Socket dealer) {
        dealer.setReceiveTimeOut(10_000);
        byte[] reply = dealer.recv();
        assertThat(reply).as("an answer within 10 s").isNotNull();
        return new String(reply, StandardCharsets.UTF_8);
    }

    @Test
    void aSilentForeignDealerIsForgottenAJunctionOneIsKeptAndAnAnswerOwedIsNeverLost() {
        CountDownLatch release = new CountDownLatch(1);
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .method("slow", String.class, s -> {
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return "slow-done";
                        })
                        .listen("zmq-router://127.0.0.1:0?idleTimeout=400")
                        .start();
                ZContext context = new ZContext(1);
                ZMQ.Socket foreign = context.createSocket(SocketType.DEALER);
                ZMQ.Socket waiting = context.createSocket(SocketType.DEALER);
                RpcClient junction = Junction.connect(
                        "zmq-dealer://127.0.0.1:" + server.endpoints().get(0).port())) {
            String address = "tcp://127.0.0.1:" + server.endpoints().get(0).port();
            foreign.setIdentity("foreign".getBytes(StandardCharsets.US_ASCII));
            waiting.setIdentity("waiting".getBytes(StandardCharsets.US_ASCII));
            foreign.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
            waiting.setHandshakeIvl(1000);
            foreign.connect(address);
            waiting.connect(address);
            assertThat(junction.call("echo", String.class, "hi")).isEqualTo("hi");
            foreign.send(request(1, "echo"));
            assertThat(answer(foreign)).contains("\"result\":\"x\"");
            waiting.send(request(2, "slow")); // its answer is owed for longer than idleTimeout
            // the foreign DEALER, silent, is forgotten; the Junction one (HELLO) and the one owed an answer stay
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            peers(server).contains(WAITING) && !peers(server).contains(FOREIGN));
            assertThat(server.peers()).hasSize(2);
            release.countDown();
            assertThat(answer(waiting)).contains("\"result\":\"slow-done\"");
            assertThat(junction.call("echo", String.class, "still")).isEqualTo("still");

            // once answered, it too is forgotten when silent; talking again makes a new connection
            await().atMost(Duration.ofSeconds(10)).until(() -> !peers(server).contains(WAITING));
            assertThat(server.peers()).hasSize(1);
            foreign.send(request(3, "echo"));
            assertThat(answer(foreign)).contains("\"id\":3");
            assertThat(peers(server)).contains(FOREIGN);
        }
    }
}
