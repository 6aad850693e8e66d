package dev.junction.zeromq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.TransportException;
import dev.junction.framing.FramingException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PUB/SUB links going down and coming back, on the transport's own connections (so the tests can
 * read the drop counter and each SUB endpoint's socket count): the publisher's queue and overflow
 * policies, and per-endpoint heartbeat time-outs on a subscriber of two publishers.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class PubSubLinkTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Every payload a connection receives, as text. */
    static final class Collector implements ConnectionHandler {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void onFrameError(FramingException error) {}

        @Override
        public void onClose(Throwable cause) {}

        List<String> params() {
            return frames.stream()
                    .map(f -> f.replaceAll(".*\"params\":\\[\"([^\"]*)\"\\].*", "$1"))
                    .collect(Collectors.toList());
        }
    }

    private PubConnection publisher(String uri) {
        PubConnection pub = (PubConnection) ZmqTransports.connect(Endpoint.parse(uri), TransportOptions.defaults())
                .join();
        open.add(pub::close);
        return pub;
    }

    private List<Connection> subscriber(String uri, Collector collector) {
        List<Connection> accepted = new CopyOnWriteArrayList<>();
        Listener listener = ZmqTransports.listen(Endpoint.parse(uri), TransportOptions.defaults(), c -> {
            accepted.add(c);
            c.start(collector);
        });
        open.add(listener::close);
        return accepted;
    }

    private static byte[] note(String text) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":[\"" + text + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<CompletableFuture<Void>> publish(PubConnection pub, String prefix, int count) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(pub.send(note(prefix + i)));
        }
        return sent;
    }

    private static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void messagesPublishedBeforeAnySubscriberWaitAndAllArriveUpToTheBound() {
        int port = freePort();
        PubConnection pub = publisher("zmq-pub://127.0.0.1:" + port + "?queueLimit=5&overflow=drop-oldest");
        List<CompletableFuture<Void>> sent = publish(pub, "m", 8);
        await().atMost(Duration.ofSeconds(5)).until(() -> pub.dropped() == 3);
        // the three oldest failed, the rest wait
        assertThat(sent.subList(0, 3)).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(sent.subList(3, 8)).noneMatch(CompletableFuture::isDone);

        Collector collector = new Collector();
        subscriber("zmq-sub://127.0.0.1:" + port, collector);
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.frames.size() == 5);
        assertThat(collector.params()).containsExactlyElementsOf(names("m", 3, 8));
        assertThat(sent.subList(3, 8)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void aLinkDownWhilePublishingQueuesAndEveryQueuedMessageArrivesWhenItIsBack() {
        int port = freePort();
        PubConnection pub = publisher("zmq-pub://127.0.0.1:" + port + "?queueLimit=5&overflow=drop-newest");
        Collector first = new Collector();
        Listener sub = ZmqTransports.listen(
                Endpoint.parse("zmq-sub://127.0.0.1:" + port), TransportOptions.defaults(), c -> c.start(first));
        await().atMost(Duration.ofSeconds(10)).until(pub::subscribed);
        pub.send(note("before")).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.params().equals(List.of("before")));

        sub.close(); // the link goes down
        await().atMost(Duration.ofSeconds(10)).until(() -> !pub.subscribed());
        List<CompletableFuture<Void>> sent = publish(pub, "d", 7);
        await().atMost(Duration.ofSeconds(5)).until(() -> pub.dropped() == 2); // drop-newest: d5 and d6 fail
        assertThat(sent.subList(5, 7)).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThatThrownBy(() -> sent.get(6).join())
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("outgoing queue full (queueLimit=5, overflow=DROP_NEWEST): message dropped");

        Collector second = new Collector();
        subscriber("zmq-sub://127.0.0.1:" + port, second); // the link is back
        await().atMost(Duration.ofSeconds(10)).until(() -> second.frames.size() == 5);
        pub.send(note("after")).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.frames.size() == 6);
        assertThat(second.params()).containsExactly("d0", "d1", "d2", "d3", "d4", "after");
    }

    @Test
    void theBlockPolicyMakesTheSenderWaitThenFail() {
        PubConnection pub = publisher("zmq-pub://127.0.0.1:0?queueLimit=2&overflow=block&blockTimeout=300");
        publish(pub, "b", 2);
        assertThat(pub.send(note("b2")))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("the outgoing queue stayed full (queueLimit=2) for 300 ms (blockTimeout)");
    }

    @Test
    void aSilentPublisherHasOnlyItsOwnEndpointReconnected() {
        int portA = freePort();
        int portB = freePort();
        PubConnection a = publisher("zmq-pub://127.0.0.1:" + portA + "?heartbeatInterval=100");
        PubConnection b = publisher("zmq-pub://127.0.0.1:" + portB + "?heartbeatInterval=100");
        Collector collector = new Collector();
        List<Connection> endpoints = subscriber(
                "zmq-sub://127.0.0.1:" + portA + "?connect=127.0.0.1:" + portB
                        + "&heartbeatTimeout=5000&heartbeatTimeouts=1000",
                collector);
        assertThat(endpoints).hasSize(2);
        SubEndpoint endA = (SubEndpoint) endpoints.get(0);
        SubEndpoint endB = (SubEndpoint) endpoints.get(1);
        assertThat(endA.address()).isEqualTo("tcp://127.0.0.1:" + portA);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.subscribed() && b.subscribed());

        a.close(); // A goes silent: no heartbeats, no messages
        await().atMost(Duration.ofSeconds(15)).until(() -> endA.socketsCreated() >= 2);
        // B kept sending heartbeats: its socket is the first one still
        assertThat(endB.socketsCreated()).isEqualTo(1);
        assertThat(b.heartbeatsSent()).isPositive();

        PubConnection again = publisher("zmq-pub://127.0.0.1:" + portA);
        await().atMost(Duration.ofSeconds(10)).until(again::subscribed);
        again.send(note("a-is-back")).join();
        b.send(note("b-still-here")).join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector.params().containsAll(List.of("a-is-back", "b-still-here")));
        assertThat(endB.socketsCreated()).isEqualTo(1);
    }
}
