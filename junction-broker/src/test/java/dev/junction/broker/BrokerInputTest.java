package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

/** Malformed, truncated, oversized and hostile input on the frontend, and the exact answers. */
class BrokerInputTest extends BrokerFixture {
    /**
     * A bare DEALER the broker has answered once (a parse error for "ping", which reaches no worker).
     * A fresh connection now and then delivers nothing (see the README): such a socket is replaced.
     */
    private RawZmq client(Broker broker) {
        return checked(broker, SocketType.DEALER);
    }

    private RawZmq checked(Broker broker, SocketType type) {
        for (int attempt = 1; ; attempt++) {
            RawZmq raw = new RawZmq(type, "tcp://" + frontend(broker), null);
            raw.socket.setReceiveTimeOut(3000);
            raw.send("ping");
            if (raw.receive() != null || attempt == 3) {
                raw.socket.setReceiveTimeOut(10_000);
                return closeLater(raw);
            }
            raw.close();
        }
    }

    private static String answer(RawZmq client) {
        List<byte[]> frames = client.receive();
        assertThat(frames).as("an answer").isNotNull();
        return RawZmq.text(frames.get(frames.size() - 1));
    }

    @Test
    void malformedMessagesAreAnsweredByTheBrokerWithTheSpecificationsErrors() {
        Broker broker = broker();
        workers(broker, "", "w");
        RawZmq raw = client(broker);

        raw.send("not json at all");
        assertThat(answer(raw)).contains("\"code\":-32700").contains("\"id\":null");
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1"); // truncated
        assertThat(answer(raw)).contains("\"code\":-32700");
        raw.send("[]");
        assertThat(answer(raw)).contains("\"code\":-32600");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":5}"); // no method
        assertThat(answer(raw)).contains("\"code\":-32600").contains("\"id\":5");
        raw.send("[1,2]"); // a batch of invalid members only: answered as a batch
        assertThat(answer(raw)).startsWith("[").contains("-32600");
        raw.send(new byte[0]); // an empty payload
        assertThat(answer(raw)).contains("\"code\":-32700");
        assertThat(broker.stats().requests()).isZero(); // none of it reached a worker
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":\"after\"}");
        assertThat(answer(raw)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"w\",\"id\":\"after\"}");
    }

    @Test
    void aSecondRequestWithAnIdStillInFlightIsRefused() {
        Broker broker = broker();
        workers(broker, "", "w");
        RawZmq raw = client(broker);
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"slow.get\",\"params\":[300],\"id\":1}");
        await().atMost(WAIT).until(() -> broker.stats().inFlight() == 1);
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":1}");
        assertThat(answer(raw))
                .contains("\"code\":-32600")
                .contains("Request id 1 is already in flight from this client");
        assertThat(answer(raw)).contains("\"result\":\"w\"");
    }

    @Test
    void unknownControlMessagesAndAnswersToNoCallAreIgnored() {
        Broker broker = broker();
        workers(broker, "", "w");
        RawZmq raw = client(broker);
        raw.send(new byte[] {0, 0, 0, 0, 'x'}); // a control message of a later version
        raw.send("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":99}"); // an answer to a call never made
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":42}}"); // cancels nothing
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":2}");
        assertThat(answer(raw)).contains("\"result\":\"w\"").contains("\"id\":2");
    }

    @Test
    void anOversizedMessageDropsThatLinkAndTheBrokerCarriesOn() {
        Broker broker = broker(
                b -> b.limits(Limits.defaults().toBuilder().maxFrameBytes(1024).build()));
        workers(broker, "", "w");
        RawZmq raw = client(broker);
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(4096) + "\"],\"id\":1}");
        // ZeroMQ drops the link over ZMQ_MAXMSGSIZE, unread; the broker serves the next client
        RawZmq next = client(broker);
        next.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":2}");
        assertThat(answer(next)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"w\",\"id\":2}");
        assertThat(broker.stats().requests()).isEqualTo(1);
    }

    @Test
    void aReqClientGetsAnEmptyAcknowledgementForANotificationAndForControlMessages() {
        Broker broker = broker();
        workers(broker, "", "w");
        RawZmq req = checked(broker, SocketType.REQ);
        req.send("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"req\"]}");
        assertThat(req.receive().get(0)).isEmpty();
        req.send(new byte[] {0, 0, 0, 0, 'x'});
        assertThat(req.receive().get(0)).isEmpty();
        req.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":3}");
        assertThat(RawZmq.text(req.receive().get(0))).contains("\"result\":\"w\"");
    }

    @Test
    void badUrisAndOptionsAreRefusedWithTheirReason() {
        assertThatThrownBy(() ->
                        Broker.builder().frontend("zmq-router://127.0.0.1:0").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A broker needs a frontend and a backend URI");
        assertThatThrownBy(() -> Broker.builder()
                        .frontend("zmq-router://x?transport=inproc")
                        .backend("zmq-router://127.0.0.1:0")
                        .build()
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported transport 'inproc'");
        assertThatThrownBy(() -> Broker.builder()
                        .frontend("zmq-router://127.0.0.1:0?codec=nope")
                        .backend("zmq-router://127.0.0.1:0")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        Broker first = broker();
        assertThatThrownBy(() -> Broker.builder()
                        .frontend(first.frontendEndpoint().toString())
                        .backend("zmq-router://127.0.0.1:0")
                        .build()
                        .start())
                .isInstanceOf(dev.junction.TransportException.class)
                .hasMessageContaining("Cannot bind");
        assertThatThrownBy(() -> dev.junction.Junction.server()
                        .method("x", (ctx, p) -> null)
                        .listen("zmq-worker://127.0.0.1:1?capacity=0")
                        .start())
                .hasMessageContaining(
                        "Option capacity of zmq-worker://127.0.0.1:1?capacity=0 must be a whole number >= 1, not '0'");
        assertThatThrownBy(() -> dev.junction.Junction.connect("zmq-worker://127.0.0.1:1"))
                .hasMessageContaining("zmq-worker is a server scheme");
    }
}
