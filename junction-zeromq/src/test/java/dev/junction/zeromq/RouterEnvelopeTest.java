package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import dev.junction.zeromq.internal.ZmqContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/** A ROUTER server answers raw REQ and DEALER sockets behind the envelope each sent. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouterEnvelopeTest {
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private RpcServer server;
    private ZMQ.Socket raw;

    @BeforeEach
    void start() {
        server = Junction.server()
                .method("echo", String.class, s -> s)
                .method("note", String.class, s -> {
                    notes.add(s);
                    return null;
                })
                .listen("zmq-router://127.0.0.1:0")
                .start();
    }

    @AfterEach
    void stop() {
        if (raw != null) {
            raw.close();
        }
        server.close();
    }

    private ZMQ.Socket rawSocket(SocketType type) {
        raw = ZmqContext.get().createSocket(type);
        raw.setLinger(0);
        raw.setReceiveTimeOut(5000);
        raw.connect("tcp://127.0.0.1:" + server.endpoints().get(0).port());
        return raw;
    }

    @Test
    void reqClientGetsItsAnswerBehindTheEmptyDelimiter() {
        ZMQ.Socket req = rawSocket(SocketType.REQ);
        req.send("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"echo\",\"params\":[\"hi\"]}");
        assertThat(req.recvStr()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":\"a-1\"}");
    }

    @Test
    void reqClientNotificationIsAcknowledgedWithAnEmptyFrameSoLockStepGoesOn() {
        ZMQ.Socket req = rawSocket(SocketType.REQ);
        req.send("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"n1\"]}");
        assertThat(req.recv()).isEmpty();
        req.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[\"after\"]}");
        assertThat(req.recvStr()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"after\",\"id\":2}");
        await().atMost(Duration.ofSeconds(5)).until(() -> notes.contains("n1"));
    }

    @Test
    void dealerWithoutDelimiterGetsOneFrameBackAndCanBeNotifiedByTheServer() {
        ZMQ.Socket dealer = rawSocket(SocketType.DEALER);
        dealer.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"x\"]}");
        ZMsg answer = ZMsg.recvMsg(dealer);
        assertThat(answer.size()).isEqualTo(1);
        assertThat(answer.getFirst().getString(StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"x\",\"id\":7}");

        await().atMost(Duration.ofSeconds(5)).until(() -> server.peers().size() == 1);
        RpcPeer peer = server.peers().iterator().next();
        peer.notify("news", 1);
        ZMsg pushed = ZMsg.recvMsg(dealer);
        assertThat(pushed.size()).isEqualTo(1);
        assertThat(pushed.getFirst().getString(StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":[1]}");
    }

    @Test
    void serverCannotCallAReqClientOutOfTurn() {
        ZMQ.Socket req = rawSocket(SocketType.REQ);
        req.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"x\"]}");
        assertThat(req.recvStr()).contains("\"result\":\"x\"");
        RpcPeer peer = server.peers().iterator().next();
        assertThat(peer.callAsync("anything", Object.class))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .withMessageContaining("REQ client takes only the answer");
    }
}
