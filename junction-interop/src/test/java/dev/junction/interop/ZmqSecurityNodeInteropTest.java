package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcServer;
import dev.junction.zeromq.ZeroMqKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm zeromq 6.8.0 (its bundled libzmq 4.3.5, {@code peers/zmq_secure_peer.mjs}) as a PLAIN and
 * CURVE client of Junction's ROUTER and REP servers: an allowed client's calls are answered and the
 * server knows it by its key or user name; a refused one sees its handshake fail, and its call never
 * reaches the server's handler.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZmqSecurityNodeInteropTest {
    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"whoami\"}";

    @TempDir
    Path dir;

    private final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void peers() {
        ZmqPatternPeers.requireNodeZeromq();
    }

    private RpcServer whoamiServer(String uri) {
        return Junction.server()
                .method("whoami", (ctx, p) -> {
                    calls.incrementAndGet();
                    return ctx.principal().map(Principal::getName).orElse("(nobody)");
                })
                .listen(uri)
                .start();
    }

    /** Runs the node client to its end; its lines, the final {"event":"done"} checked and dropped. */
    private static List<String> node(String mode, int port, Map<String, Object> options) {
        List<String> command = List.of(
                "node",
                Peers.script("zmq_secure_peer.mjs").toString(),
                mode,
                "tcp://127.0.0.1:" + port,
                json(List.of(WHOAMI)),
                json(options));
        PeerProcess peer = PeerProcess.start("zmq_secure_peer.mjs " + mode, Peers.moduleDir(), command);
        List<String> lines = new ArrayList<>();
        try (peer) {
            for (JsonNode line : peer.awaitSuccess(ZmqReqRepPeerScript.WAIT)) {
                lines.add(line.toString());
            }
        }
        assertThat(lines).as(peer.describe()).last().isEqualTo("{\"event\":\"done\"}");
        return lines.subList(0, lines.size() - 1);
    }

    private static String answered(String mode, String result) {
        String answer = json(List.of("{\"jsonrpc\":\"2.0\",\"result\":\"" + result + "\",\"id\":1}"));
        return mode.equals("req")
                ? "{\"sent\":" + json(WHOAMI) + ",\"received\":" + answer + "}"
                : "{\"received\":" + answer + "}";
    }

    @Test
    void curveNodeDealerAndReqWithAnAllowedKeyAreKnownByItAndAnotherKeyIsRefused() throws Exception {
        ZeroMqKeys.KeyPair server = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path serverFile = ZeroMqKeys.write(server, dir.resolve("server.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), allowed.publicKey() + "\n");
        Map<String, Object> good = Map.of(
                "curveServerKey", server.publicKey(),
                "curvePublicKey", allowed.publicKey(),
                "curveSecretKey", allowed.secretKey());
        try (RpcServer router =
                whoamiServer("zmq-router://127.0.0.1:0?curveKeyFile=" + serverFile + "&curveAllow=" + allow)) {
            int port = router.endpoints().get(0).port();
            for (String mode : new String[] {"dealer", "req"}) {
                assertThat(node(mode, port, good)).containsExactly(answered(mode, allowed.publicKey()));
            }
            List<String> refused = node(
                    "dealer",
                    port,
                    Map.of(
                            "curveServerKey", server.publicKey(),
                            "curvePublicKey", other.publicKey(),
                            "curveSecretKey", other.secretKey(),
                            "expectAuthFailure", true));
            assertThat(refused).containsExactly("{\"event\":\"handshake:error:auth\",\"status\":400}");
            assertThat(calls).hasValue(2);
            assertThat(router.peers())
                    .allSatisfy(peer ->
                            assertThat(peer.principal()).map(Principal::getName).contains(allowed.publicKey()));
        }
    }

    @Test
    void plainNodeReqAndDealerAreLetInByTheirPasswordAndRefusedWithAWrongOne() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:s3cret\n");
        for (String scheme : new String[] {"zmq-rep", "zmq-router"}) {
            calls.set(0);
            try (RpcServer server = whoamiServer(scheme + "://127.0.0.1:0?plainPasswords=" + passwords)) {
                int port = server.endpoints().get(0).port();
                String mode = scheme.equals("zmq-rep") ? "req" : "dealer";
                assertThat(node(mode, port, Map.of("plainUsername", "alice", "plainPassword", "s3cret")))
                        .containsExactly(answered(mode, "alice"));
                List<String> refused = node(
                        mode,
                        port,
                        Map.of("plainUsername", "alice", "plainPassword", "wrong", "expectAuthFailure", true));
                // as for pyzmq's libzmq 4.3.4: JeroMQ's PLAIN server refuses with an ERROR command
                // libzmq does not expect there, so it reports an unexpected command
                assertThat(refused)
                        .containsExactly(
                                "{\"event\":\"handshake:error:protocol\",\"code\":\"ERR_ZMTP_UNEXPECTED_COMMAND\"}");
                assertThat(calls).as(scheme).hasValue(1);
            }
        }
    }
}
