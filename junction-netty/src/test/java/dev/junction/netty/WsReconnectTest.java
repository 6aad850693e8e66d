package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * reconnect=true on ws:// and wss://: the same semantics as tcp's (ReconnectTest): the client
 * survives its server's restart on the same port (each new link does the WebSocket handshake
 * again, with its headers and credentials), calls in flight fail with the link, onLinkDown carries
 * the close code, waitForLink and close() behave as on tcp.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsReconnectTest {
    private static final String RECONNECT = "reconnect=true&reconnectInitialDelay=20ms&reconnectMaxDelay=200ms";

    @TempDir
    static Path dir;

    static TestPki pki;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(String uri, String name) {
        RpcServer server = Junction.server()
                .transportOption(NettyOptions.AUTHENTICATOR, Authenticator.basic(java.util.Map.of("ada", "s3cret")))
                .method(
                        "name",
                        (ctx, p) -> name + " for "
                                + ctx.principal()
                                        .map(java.security.Principal::getName)
                                        .orElse("nobody"))
                .method("block", (ctx, p) -> {
                    release.await();
                    return "released";
                })
                .method("goAway", (ctx, p) -> {
                    ctx.attributes().get(NettyOptions.WEB_SOCKET).close(1001, "going away");
                    return null;
                })
                .listen(uri)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcClient client(String uri) {
        RpcClient client = Junction.connect(uri);
        toClose.add(0, client);
        return client;
    }

    @Test
    void wsClientReconnectsToTheRestartedServerWithItsCredentials() throws Exception {
        RpcServer first = server("ws://127.0.0.1:0/rpc", "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client("ws://127.0.0.1:" + port + "/rpc?user=ada&password=s3cret&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        CompletableFuture<String> inFlight = client.callAsync("block", String.class);
        Thread.sleep(100); // let the call reach the server

        first.close();

        assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TransportException.class)
                .isNotInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("lost");
        assertThat(client.isOpen()).isTrue();

        CompletableFuture<String> whileDown = client.callAsync("name", String.class);
        Thread.sleep(300);
        assertThat(whileDown).as("waits for the link").isNotDone();
        server("ws://127.0.0.1:" + port + "/rpc", "second");

        assertThat(whileDown.get(10, TimeUnit.SECONDS)).isEqualTo("second for ada");
        assertThat(client.call("name", String.class)).isEqualTo("second for ada");
    }

    @Test
    void wssClientReconnectsWithANewTlsHandshake() throws Exception {
        String serverOptions = "?" + pki.serverOptions("server");
        RpcServer first = server("wss://127.0.0.1:0/rpc" + serverOptions, "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client("wss://127.0.0.1:" + port + "/rpc?trust=" + pki.uri("ca.pem")
                + "&user=ada&password=s3cret&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        first.close();
        server("wss://127.0.0.1:" + port + "/rpc" + serverOptions, "second");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(callIgnoringLinkLoss(client)).isEqualTo("second for ada"));
    }

    @Test
    void aHandshakeRefusedOnReconnectIsRetriedUntilAccepted() throws Exception {
        RpcServer first = server("ws://127.0.0.1:0/rpc", "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client("ws://127.0.0.1:" + port + "/rpc?user=ada&password=s3cret&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        CompletableFuture<String> onTheOldLink = client.callAsync("block", String.class);
        Thread.sleep(100); // let the call reach the server
        first.close();
        // Its failure says the client has seen the link drop: a call made before that could still go
        // out on the closing link and fail with it, instead of waiting for the next link.
        assertThatThrownBy(() -> onTheOldLink.get(10, TimeUnit.SECONDS)).hasMessageContaining("lost");
        RpcServer refusing = Junction.server()
                .transportOption(NettyOptions.AUTHENTICATOR, Authenticator.basic(java.util.Map.of("bob", "other")))
                .method("name", (ctx, p) -> "refusing")
                .listen("ws://127.0.0.1:" + port + "/rpc")
                .start();
        toClose.add(refusing);

        CompletableFuture<String> waiting = client.callAsync("name", String.class);
        Thread.sleep(500); // several attempts, each answered 401
        assertThat(waiting).as("waits while every handshake is refused").isNotDone();
        assertThat(client.isOpen()).isTrue();
        refusing.close();
        server("ws://127.0.0.1:" + port + "/rpc", "third");

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("third for ada");
    }

    @Test
    void aCloseCodeFromTheServerReachesOnLinkDownAndTheLinkComesBack() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc", "only");
        Endpoint endpoint = Endpoint.parse(
                "ws://127.0.0.1:" + server.endpoints().get(0).port() + "/rpc?user=ada&password=s3cret&" + RECONNECT);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Connection connection = new NettyTransportProvider()
                .connect(endpoint, TransportOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        toClose.add(0, connection::close);
        connection.start(new ConnectionHandler() {
            @Override
            public void onFrame(byte[] frame) {
                events.add("frame " + new String(frame, StandardCharsets.UTF_8));
            }

            @Override
            public void onFrameError(dev.junction.framing.FramingException error) {
                events.add("frame error " + error);
            }

            @Override
            public void onLinkDown(Throwable cause) {
                events.add("down " + cause);
            }

            @Override
            public void onClose(Throwable cause) {
                events.add("close " + cause);
            }
        });

        send(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"goAway\"}");

        assertThat(events.poll(10, TimeUnit.SECONDS))
                .isEqualTo("down dev.junction.netty.WebSocketClosedException: closed by peer: 1001 going away");
        assertThat(connection.isOpen()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            send(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"name\",\"id\":2}");
            String event = events.poll(2, TimeUnit.SECONDS);
            assertThat(event).isEqualTo("frame {\"jsonrpc\":\"2.0\",\"result\":\"only for ada\",\"id\":2}");
        });

        connection.close();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("close null");
        assertThat(events).isEmpty();
    }

    @Test
    void callsWaitingForTheLinkStillEndAtTheirDeadline() throws Exception {
        RpcServer first = server("ws://127.0.0.1:0/", "first");
        RpcClient client =
                client("ws://127.0.0.1:" + first.endpoints().get(0).port() + "/?user=ada&password=s3cret&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        first.close();
        Thread.sleep(100);

        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(300)).call("name", String.class))
                .isInstanceOf(DeadlineExceededException.class);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void withoutWaitForLinkCallsFailFastWhileTheLinkIsDown() throws Exception {
        RpcServer first = server("ws://127.0.0.1:0/", "first");
        RpcClient client = client("ws://127.0.0.1:" + first.endpoints().get(0).port()
                + "/?user=ada&password=s3cret&waitForLink=false&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        first.close();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> client.call("name", String.class))
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining("waitForLink=false"));
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void closingAReconnectingClientWhileTheLinkIsDownClosesIt() throws Exception {
        RpcServer first = server("ws://127.0.0.1:0/", "first");
        RpcClient client =
                client("ws://127.0.0.1:" + first.endpoints().get(0).port() + "/?user=ada&password=s3cret&" + RECONNECT);
        assertThat(client.call("name", String.class)).isEqualTo("first for ada");
        first.close();
        Thread.sleep(100);
        CompletableFuture<String> waiting = client.callAsync("name", String.class);

        client.close();

        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void theFirstConnectIsNotRetried() {
        assertThatThrownBy(() -> Junction.connect(
                        "ws://127.0.0.1:" + TestPorts.closedPort() + "/?user=ada&password=s3cret&" + RECONNECT))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Cannot connect to ws://127.0.0.1:");
    }

    @Test
    void aRefusedHandshakeIsNotRetriedEither() {
        RpcServer server = server("ws://127.0.0.1:0/rpc", "only");
        assertThatThrownBy(() -> Junction.connect("ws://127.0.0.1:"
                        + server.endpoints().get(0).port() + "/rpc?user=ada&password=wrong&" + RECONNECT))
                .isInstanceOf(HttpStatusException.class)
                .satisfies(e -> assertThat(((HttpStatusException) e).status()).isEqualTo(401));
    }

    @Test
    void httpRefusesReconnect() {
        assertThatThrownBy(() -> Junction.connect("http://127.0.0.1:1/?reconnect=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reconnect is supported on tcp://, tls://, ws:// and wss:// only (http:// opens"
                        + " connections as calls need them)");
    }

    private static String callIgnoringLinkLoss(RpcClient client) {
        try {
            return client.call("name", String.class);
        } catch (TransportException e) {
            return "failed: " + e;
        }
    }

    private static void send(Connection connection, String json) throws Exception {
        connection.send(json.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    }
}
