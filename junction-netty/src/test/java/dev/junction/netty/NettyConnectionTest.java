package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.ConnectionClosedException;
import dev.junction.TransportException;
import dev.junction.framing.FramingException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Connection SPI contract of tcp://, below the engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NettyConnectionTest {
    private final NettyTransportProvider provider = new NettyTransportProvider();
    private final LinkedBlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** Records what a connection delivers, as strings: the frame's text, "error:KIND", "close:cause". */
    static final class Recorder implements ConnectionHandler {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(byte[] frame) {
            events.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void onFrameError(FramingException error) {
            events.add("error:" + error.kind());
        }

        @Override
        public void onClose(Throwable cause) {
            events.add("close:" + cause);
        }
    }

    private Listener listen(String options) {
        Listener l = provider.listen(
                Endpoint.parse("tcp://127.0.0.1:0" + options), TransportOptions.defaults(), accepted::add);
        toClose.add(l);
        return l;
    }

    private Connection connect(Listener l) throws Exception {
        Connection c =
                provider.connect(l.endpoint(), TransportOptions.defaults()).get(10, TimeUnit.SECONDS);
        toClose.add(0, c::close);
        return c;
    }

    private Connection nextAccepted() throws InterruptedException {
        Connection c = accepted.poll(10, TimeUnit.SECONDS);
        assertThat(c).as("accepted connection").isNotNull();
        toClose.add(0, c::close);
        return c;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void framesArrivingBeforeStartAreHeldAndDeliveredInOrder() throws Exception {
        Listener l = listen("");
        Connection client = connect(l);
        Connection server = nextAccepted();
        client.send(bytes("{\"a\":1}"));
        client.send(bytes("{\"a\":2}"));
        client.send(bytes("{\"a\":3}")).get(5, TimeUnit.SECONDS);
        Thread.sleep(100);

        Recorder r = new Recorder();
        server.start(r);

        await().atMost(Duration.ofSeconds(5)).until(() -> r.events.size() == 3);
        assertThat(r.events).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    }

    @Test
    void orderlyCloseDeliversEveryFrameThenOneCloseWithoutCause() throws Exception {
        Listener l = listen("");
        Connection client = connect(l);
        Connection server = nextAccepted();
        Recorder r = new Recorder();
        server.start(r);
        client.start(new Recorder());
        client.send(bytes("{\"last\":1}"));
        client.send(bytes("{\"last\":2}"));
        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> r.events.size() == 3);
        Thread.sleep(100);
        assertThat(r.events).containsExactly("{\"last\":1}", "{\"last\":2}", "close:null");
        assertThat(server.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void sendingOnAClosedConnectionFailsWithConnectionClosed() throws Exception {
        Listener l = listen("");
        Connection client = connect(l);
        client.start(new Recorder());
        client.close();
        assertThat(client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.send(bytes("{}")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void framesFromManyThreadsKeepEachThreadsOrder() throws Exception {
        Listener l = listen("?framing=netstring");
        Connection client =
                provider.connect(l.endpoint(), TransportOptions.defaults()).get(10, TimeUnit.SECONDS);
        toClose.add(0, client::close);
        Connection server = nextAccepted();
        Recorder r = new Recorder();
        server.start(r);
        client.start(new Recorder());
        int threads = 4;
        int each = 2_000;
        List<Thread> senders = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    writes.add(client.send(bytes(thread + ":" + i)));
                }
            }));
        }
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> r.events.size() == threads * each);
        int[] next = new int[threads];
        for (String e : r.events) {
            String[] parts = e.split(":");
            int thread = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[thread]++);
        }
        assertThat(CompletableFuture.allOf(writes.toArray(new CompletableFuture[0])))
                .succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aSlowReaderPausesTheWriterWhichResumesWhenItReads() throws Exception {
        Listener l = listen("");
        Connection client = connect(l);
        Connection server = nextAccepted(); // not started: it reads nothing
        client.start(new Recorder());
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        chunk[0] = '"';
        chunk[chunk.length - 1] = '"';
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) { // 25 MiB: far beyond the socket buffers
            writes.add(client.send(chunk.clone()));
        }
        Thread.sleep(300);
        assertThat(writes.get(writes.size() - 1))
                .as("the last write waits for the reader")
                .isNotDone();

        Recorder r = new Recorder();
        server.start(r);

        assertThat(CompletableFuture.allOf(writes.toArray(new CompletableFuture[0])))
                .succeedsWithin(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> r.events.size() == 400);
    }

    @Test
    void connectingWhereNothingListensFailsWithTheRefusalAsCause() {
        int port = TestPorts.closedPort();
        CompletableFuture<Connection> f =
                provider.connect(Endpoint.parse("tcp://127.0.0.1:" + port), TransportOptions.defaults());

        assertThat(f)
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(TransportException.class)
                .withMessageContaining("tcp://127.0.0.1:" + port)
                .havingCause()
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void addressesComeFromTheChannel() throws Exception {
        Listener l = listen("");
        Connection client = connect(l);
        Connection server = nextAccepted();

        assertThat(((InetSocketAddress) client.remoteAddress()).getPort())
                .isEqualTo(l.endpoint().port());
        assertThat(server.remoteAddress()).isEqualTo(client.localAddress());
        assertThat(server.localAddress()).isEqualTo(client.remoteAddress());
        assertThat(server.principal()).isEmpty();
    }

    @Test
    void listenerReportsTheBoundPortAndClosingItStopsAcceptingOnly() throws Exception {
        Listener l = listen("");
        assertThat(l.endpoint().port()).isPositive();
        Connection client = connect(l);
        Connection server = nextAccepted();
        server.start(new Recorder());
        client.start(new Recorder());

        l.close();

        assertThat(l.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(client.send(bytes("{}"))).succeedsWithin(Duration.ofSeconds(5));
        assertThat(server.isOpen()).isTrue();
        assertThat(provider.connect(l.endpoint(), TransportOptions.defaults())).failsWithin(Duration.ofSeconds(10));
    }
}
