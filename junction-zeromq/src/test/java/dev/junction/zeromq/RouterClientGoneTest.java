package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A ROUTER whose client has gone (its DEALER closed, so the routing identity is unknown again):
 * the BYE the server's close sends to it fails with EHOSTUNREACH, which JeroMQ's {@code
 * Socket.send} throws rather than returns. The listener must still forget the client, close its
 * socket and stop its thread (it once kept both, and its idle sweep logged the client forever).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterClientGoneTest {
    private static Set<String> routerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("junction-zmq-router-"))
                .collect(Collectors.toSet());
    }

    @Test
    void closingAfterAForeignClientLeftStopsTheListener() throws InterruptedException {
        Set<String> before = routerThreads();
        RpcServer server = Junction.server()
                .method("echo", String.class, s -> s)
                .listen("zmq-router://127.0.0.1:0")
                .start();
        Set<String> ours = new HashSet<>(routerThreads());
        ours.removeAll(before);
        assertThat(ours).hasSize(1);
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setIdentity("leaver".getBytes(StandardCharsets.US_ASCII));
            dealer.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
            dealer.setReceiveTimeOut(10_000);
            dealer.connect("tcp://127.0.0.1:" + server.endpoints().get(0).port());
            dealer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"x\"]}");
            assertThat(dealer.recvStr()).as("an answer within 10 s").contains("\"result\":\"x\"");
        }
        assertThat(server.peers()).hasSize(1); // a foreign DEALER says no BYE: the server still knows it
        Thread.sleep(500); // the ROUTER drops the gone link's pipe meanwhile (loopback: well under that)
        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> Collections.disjoint(routerThreads(), ours));
    }
}
