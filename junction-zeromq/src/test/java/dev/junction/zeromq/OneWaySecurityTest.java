package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import dev.junction.framing.FramingException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLAIN and CURVE on the one-way patterns: a PULL server checks its pushers' passwords, a PUB
 * checks its subscribers' keys; what a refused peer sends never arrives, and a refused subscriber
 * gets nothing. A refused PUSH or SUB (the mechanism's clients) learns it: its connection closes
 * with the {@link ZmqAuthenticationException}, and what it tries afterwards fails with it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneWaySecurityTest {
    private static final Duration GRACE = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private final List<String> received = new CopyOnWriteArrayList<>();

    private RpcServer recorder(String uri, String tag) {
        return Junction.server()
                .method("event", (context, params) -> {
                    received.add(tag + ":" + params.get(0).asText());
                    return null;
                })
                .listen(uri)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String enc(String z85) {
        return URLEncoder.encode(z85, StandardCharsets.UTF_8);
    }

    @Test
    void aPullServerWithPlainTakesOnlyWhatPushersWithTheRightPasswordSend() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer pull = recorder("zmq-pull://127.0.0.1:0?plainPasswords=" + passwords, "pull");
                RpcClient mallory = Junction.connect("zmq-push://127.0.0.1:"
                        + pull.endpoints().get(0).port() + "?plainUser=alice&plainPassword=wrong");
                RpcClient alice = Junction.connect("zmq-push://127.0.0.1:"
                        + pull.endpoints().get(0).port() + "?plainUser=alice&plainPassword=right")) {
            // sent before the refusal (and then never delivered), or failing fast with it
            catchThrowable(() -> mallory.notify("event", "from mallory"));
            alice.notify("event", "a1");
            alice.notify("event", "a2");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
            Thread.sleep(GRACE.toMillis()); // room for a refused message that should never come
            assertThat(received).containsExactly("pull:a1", "pull:a2");
        }
    }

    @Test
    void aPubWithCurveSendsOnlyToSubscribersOnItsAllowList() throws Exception {
        ZeroMqKeys.KeyPair pubKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path pubFile = ZeroMqKeys.write(pubKeys, dir.resolve("pub.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), allowed.publicKey() + "\n");
        int port = freePort();
        String sub = "zmq-sub://127.0.0.1:" + port + "?curveServerKey=" + enc(pubKeys.publicKey());
        try (RpcClient pub = Junction.connect(
                        "zmq-pub://127.0.0.1:" + port + "?curveKeyFile=" + pubFile + "&curveAllow=" + allow);
                RpcServer outsider = recorder(sub + "&curveSecretKey=" + enc(other.secretKey()), "outsider");
                RpcServer member = recorder(sub + "&curveSecretKey=" + enc(allowed.secretKey()), "member")) {
            pub.notify("event", "n1");
            pub.notify("event", "n2");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
            Thread.sleep(GRACE.toMillis());
            assertThat(received).containsExactly("member:n1", "member:n2");
        }
    }

    /** The peer closed because the server refused it, and what it tries now fails with that refusal. */
    private static void assertClosedByRefusal(RpcPeer peer, String mechanism, String endpoint) {
        peer.closeFuture().orTimeout(15, TimeUnit.SECONDS).join();
        assertThat(peer.isOpen()).isFalse();
        Throwable later = catchThrowable(() -> peer.notify("event", "too late"));
        assertThat(later).isInstanceOf(ConnectionClosedException.class);
        assertThat(later.getCause())
                .isExactlyInstanceOf(ZmqAuthenticationException.class)
                .hasMessage("Authentication failed: the server refused the " + mechanism + " credentials for "
                        + endpoint + " (ZAP status 400)");
        assertThat(((ZmqAuthenticationException) later.getCause()).statusCode()).isEqualTo(400);
    }

    @Test
    void aPushClientWithAWrongPasswordIsClosedByTheRefusal() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer pull = recorder("zmq-pull://127.0.0.1:0?plainPasswords=" + passwords, "pull")) {
            String uri = "zmq-push://127.0.0.1:" + pull.endpoints().get(0).port() + "?plainUser=alice";
            try (RpcClient mallory = Junction.connect(uri + "&plainPassword=wrong")) {
                assertClosedByRefusal(mallory, "PLAIN", uri + "&plainPassword=%28hidden%29");
            }
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aPushClientWithAKeyNotOnTheAllowListIsClosedByTheRefusal() throws Exception {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        Path serverFile =
                ZeroMqKeys.write(serverKeys, dir.resolve("server.key")).get(1);
        Path allow =
                Files.writeString(dir.resolve("allow"), ZeroMqKeys.generate().publicKey() + "\n");
        try (RpcServer pull =
                recorder("zmq-pull://127.0.0.1:0?curveKeyFile=" + serverFile + "&curveAllow=" + allow, "pull")) {
            String uri = "zmq-push://127.0.0.1:" + pull.endpoints().get(0).port() + "?curveServerKey="
                    + enc(serverKeys.publicKey());
            try (RpcClient outsider = Junction.connect(
                    uri + "&curveSecretKey=" + enc(ZeroMqKeys.generate().secretKey()))) {
                assertClosedByRefusal(outsider, "CURVE", uri + "&curveSecretKey=%28hidden%29");
            }
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aSubscriberWithAKeyNotOnTheAllowListIsClosedByTheRefusal() throws Exception {
        ZeroMqKeys.KeyPair pubKeys = ZeroMqKeys.generate();
        Path pubFile = ZeroMqKeys.write(pubKeys, dir.resolve("pub.key")).get(1);
        Path allow =
                Files.writeString(dir.resolve("allow"), ZeroMqKeys.generate().publicKey() + "\n");
        int port = freePort();
        String uri = "zmq-sub://127.0.0.1:" + port + "?curveServerKey=" + enc(pubKeys.publicKey());
        List<RpcPeer> peers = new CopyOnWriteArrayList<>();
        try (RpcClient pub = Junction.connect(
                        "zmq-pub://127.0.0.1:" + port + "?curveKeyFile=" + pubFile + "&curveAllow=" + allow);
                RpcServer outsider = Junction.server()
                        .method(
                                "event",
                                (context, params) -> received.add(params.get(0).asText()))
                        .onConnect(peers::add)
                        .listen(uri + "&curveSecretKey="
                                + enc(ZeroMqKeys.generate().secretKey()))
                        .start()) {
            pub.notify("event", "n1");
            assertThat(peers).hasSize(1);
            assertClosedByRefusal(peers.get(0), "CURVE", uri + "&curveSecretKey=%28hidden%29");
            assertThat(outsider.peers()).isEmpty();
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aSubscriberWithAWrongPasswordIsClosedByTheRefusal() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        int port = freePort();
        String uri = "zmq-sub://127.0.0.1:" + port + "?plainUser=alice";
        List<RpcPeer> peers = new CopyOnWriteArrayList<>();
        try (RpcClient pub = Junction.connect("zmq-pub://127.0.0.1:" + port + "?plainPasswords=" + passwords);
                RpcServer outsider = Junction.server()
                        .method(
                                "event",
                                (context, params) -> received.add(params.get(0).asText()))
                        .onConnect(peers::add)
                        .listen(uri + "&plainPassword=wrong")
                        .start()) {
            pub.notify("event", "n1");
            assertThat(peers).hasSize(1);
            assertClosedByRefusal(peers.get(0), "PLAIN", uri + "&plainPassword=%28hidden%29");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aRefusedPushConnectionClosesWithTheRefusalAndFailsLaterSendsWithIt() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer pull = recorder("zmq-pull://127.0.0.1:0?plainPasswords=" + passwords, "pull")) {
            CompletableFuture<Throwable> closedBy = new CompletableFuture<>();
            Connection push = new ZeroMqTransportProvider()
                    .connect(
                            Endpoint.parse("zmq-push://127.0.0.1:"
                                    + pull.endpoints().get(0).port() + "?plainUser=alice&plainPassword=wrong"),
                            TransportOptions.defaults())
                    .get(10, TimeUnit.SECONDS);
            push.start(new ConnectionHandler() {
                @Override
                public void onFrame(byte[] frame) {}

                @Override
                public void onFrameError(FramingException error) {}

                @Override
                public void onClose(Throwable cause) {
                    closedBy.complete(cause);
                }
            });
            Throwable cause = closedBy.get(15, TimeUnit.SECONDS);
            assertThat(cause)
                    .isExactlyInstanceOf(ZmqAuthenticationException.class)
                    .hasMessageStartingWith("Authentication failed: the server refused the PLAIN credentials for ");
            push.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(push.isOpen()).isFalse();
            byte[] note =
                    "{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":[\"late\"]}".getBytes(StandardCharsets.UTF_8);
            assertThat(push.send(note))
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isSameAs(cause);
            assertThat(received).isEmpty();
        }
    }
}
