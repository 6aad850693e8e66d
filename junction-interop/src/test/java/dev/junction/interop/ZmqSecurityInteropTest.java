package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.finish;
import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.zeromq.ZeroMqKeys;
import dev.junction.zeromq.ZmqAuthenticationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLAIN and CURVE between JeroMQ (Junction) and libzmq 4.3.4 (pyzmq), both ways: the principal
 * reaches Junction's handlers, refused credentials are refused on both sides (libzmq's client sees
 * HANDSHAKE_FAILED_AUTH with status 400; Junction's fails its call with ZmqAuthenticationException).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZmqSecurityInteropTest {
    /**
     * A Junction REQ's first exchange with a libzmq REP is now and then not answered on this loaded
     * machine (about one run in three, for one of these tests; not yet explained): the lazy pirate
     * re-creates the socket and resends, as a REQ client against a real server should.
     */
    static final String LAZY_PIRATE = "requestTimeout=4000&retries=2";

    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"whoami\"}";

    @TempDir
    Path dir;

    @BeforeAll
    static void peers() {
        ZmqReqRepPeerScript.requirePyzmq();
    }

    private static RpcServer whoamiServer(String uri) {
        return Junction.server()
                .method(
                        "whoami",
                        (ctx, p) -> ctx.principal().map(Principal::getName).orElse("(nobody)"))
                .listen(uri)
                .start();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String answer(String result) {
        return json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"" + result + "\",\"id\":1}"));
    }

    // ---- pyzmq clients, Junction servers ----

    @Test
    void plainPyzmqReqIsLetInByItsPasswordAndRefusedWithAWrongOne() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:s3cret\n");
        for (String scheme : new String[] {"zmq-rep", "zmq-router"}) {
            try (RpcServer server = whoamiServer(scheme + "://127.0.0.1:0?plainPasswords=" + passwords)) {
                String connect =
                        "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port();
                List<JsonNode> ok = finish(ZmqReqRepPeerScript.start(
                        "req", connect, "sends=" + json(List.of(WHOAMI)), "plain_user=alice", "plain_password=s3cret"));
                assertThat(ok.get(0).get("received").toString()).isEqualTo(answer("alice"));
                List<JsonNode> refused = finish(ZmqReqRepPeerScript.start(
                        "req",
                        connect,
                        "sends=" + json(List.of(WHOAMI)),
                        "plain_user=alice",
                        "plain_password=wrong",
                        "expect_auth_failure=1"));
                // JeroMQ's PLAIN server sends its ERROR command where libzmq 4.3.4 does not expect one:
                // libzmq reports the refusal as an unexpected command (ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND)
                assertThat(refused.get(0).toString())
                        .isEqualTo("{\"event\":\"handshake_failed_protocol\",\"value\":268435457}");
            }
        }
    }

    @Test
    void curvePyzmqReqWithAnAllowedKeyIsKnownByItAndAnotherKeyIsRefused() throws Exception {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path serverFile =
                ZeroMqKeys.write(serverKeys, dir.resolve("server.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), allowed.publicKey() + "\n");
        try (RpcServer server =
                whoamiServer("zmq-rep://127.0.0.1:0?curveKeyFile=" + serverFile + "&curveAllow=" + allow)) {
            String connect =
                    "connect=tcp://127.0.0.1:" + server.endpoints().get(0).port();
            List<JsonNode> ok = finish(ZmqReqRepPeerScript.start(
                    "req",
                    connect,
                    "sends=" + json(List.of(WHOAMI)),
                    "curve_server_key=" + serverKeys.publicKey(),
                    "curve_public=" + allowed.publicKey(),
                    "curve_secret=" + allowed.secretKey()));
            assertThat(ok.get(0).get("received").toString()).isEqualTo(answer(allowed.publicKey()));
            List<JsonNode> refused = finish(ZmqReqRepPeerScript.start(
                    "req",
                    connect,
                    "sends=" + json(List.of(WHOAMI)),
                    "curve_server_key=" + serverKeys.publicKey(),
                    "curve_public=" + other.publicKey(),
                    "curve_secret=" + other.secretKey(),
                    "expect_auth_failure=1"));
            assertThat(refused.get(0).toString()).isEqualTo("{\"event\":\"handshake_failed_auth\",\"value\":400}");
        }
    }

    @Test
    void curvePyzmqDealerSubscribesToAJunctionRouterAndIsKnownByItsKey() throws Exception {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair client = ZeroMqKeys.generate();
        ZmqRouterInteropTest.subscribe(
                "?curveSecretKey=" + enc(serverKeys.secretKey()) + "&curveAllow=*",
                client.publicKey(),
                "curve_server_key=" + serverKeys.publicKey(),
                "curve_public=" + client.publicKey(),
                "curve_secret=" + client.secretKey());
    }

    @Test
    void plainPyzmqDealerSubscribesToAJunctionRouterAsItsUser() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "bob:pw\n");
        ZmqRouterInteropTest.subscribe("?plainPasswords=" + passwords, "bob", "plain_user=bob", "plain_password=pw");
    }

    // ---- Junction clients, pyzmq servers (zmq.auth.thread.ThreadAuthenticator) ----

    /**
     * JeroMQ 0.6.0's PLAIN client cannot read the ERROR command libzmq 4.3.4 answers a wrong password
     * with ("PLAIN Client I: invalid handshake command" on stdout, and no monitor event): the refusal
     * is not reported, the link is retried, and the call ends by its deadline, never hanging.
     */
    @Test
    void junctionReqLogsIntoAPlainPyzmqRepAndAWrongPasswordEndsByTheDeadline() {
        String users = "plain_users=" + json(Map.of("alice", "s3cret"));
        int[] port = new int[1];
        PeerProcess peer = ZmqReqRepPeerScript.startServer(
                "rep", port, "answers=" + json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":1}")), users);
        try (peer;
                RpcClient ok = Junction.connect("zmq-req://127.0.0.1:" + port[0] + "?hello=false&" + LAZY_PIRATE
                        + "&plainUser=alice&plainPassword=s3cret")) {
            assertThat(ok.call("hello", String.class)).isEqualTo("hi");
            assertThat(finish(peer).get(0).get("received").toString())
                    .isEqualTo(json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"hello\",\"id\":1}")));
        }
        PeerProcess strict = ZmqReqRepPeerScript.startServer("rep", port, "answers=[\"never\"]", users);
        try (strict;
                RpcClient wrong = Junction.connect("zmq-req://127.0.0.1:" + port[0]
                        + "?hello=false&plainUser=alice&plainPassword=nope&requestTimeout=1500")) {
            assertThatThrownBy(() -> wrong.call("hello", String.class))
                    .isInstanceOf(dev.junction.DeadlineExceededException.class);
        }
    }

    @Test
    void junctionReqTalksToACurvePyzmqRepThatAllowsItsKeyAndAnotherKeyIsRefused() {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair client = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair stranger = ZeroMqKeys.generate();
        String[] curve = {
            "curve_public=" + serverKeys.publicKey(),
            "curve_secret=" + serverKeys.secretKey(),
            "curve_allow=" + json(List.of(client.publicKey()))
        };
        int[] port = new int[1];
        PeerProcess peer = ZmqReqRepPeerScript.startServer(
                "rep",
                port,
                concat("answers=" + json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":1}")), curve));
        String base = "zmq-req://127.0.0.1:" + port[0] + "?hello=false&" + LAZY_PIRATE + "&curveServerKey="
                + enc(serverKeys.publicKey());
        try (peer;
                RpcClient ok = Junction.connect(base + "&curveSecretKey=" + enc(client.secretKey()))) {
            assertThat(ok.call("hello", String.class)).isEqualTo("hi");
            assertThat(finish(peer).get(0).get("received").toString())
                    .isEqualTo(json(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"hello\",\"id\":1}")));
        }
        PeerProcess strict = ZmqReqRepPeerScript.startServer("rep", port, concat("answers=[\"never\"]", curve));
        String strictBase = "zmq-req://127.0.0.1:" + port[0] + "?hello=false&requestTimeout=5000&curveServerKey="
                + enc(serverKeys.publicKey());
        try (strict;
                RpcClient refused = Junction.client()
                        .timeout(java.time.Duration.ofSeconds(60))
                        .connect(strictBase + "&curveSecretKey=" + enc(stranger.secretKey()))) {
            // JeroMQ 0.6.0's CURVE client reports libzmq's refusal in most runs (a broken-off
            // handshake: ZmqAuthenticationException at once), in the others it retries the link and
            // the call ends by its requestTimeout; it is never answered and never hangs
            assertThatThrownBy(() -> refused.call("hello", String.class))
                    .satisfies(e -> assertThat(e instanceof ZmqAuthenticationException
                                    || e.getCause() instanceof ZmqAuthenticationException
                                    || e instanceof dev.junction.DeadlineExceededException)
                            .as(e.toString())
                            .isTrue());
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
