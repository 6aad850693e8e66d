package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLAIN and CURVE on real sockets: the principal reaches handlers, refused credentials fail the
 * client's call with an authentication error long before its deadline (30 s here), never a hang.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ZmqSecurityTest {
    @TempDir
    Path dir;

    private static RpcServer server(String uri) {
        return Junction.server()
                .method(
                        "whoami",
                        (ctx, params) -> ctx.principal().map(Principal::getName).orElse("(nobody)"))
                .listen(uri)
                .start();
    }

    private static String port(RpcServer server) {
        return String.valueOf(server.endpoints().get(0).port());
    }

    private static RpcClient client(String uri) {
        return Junction.client().timeout(Duration.ofSeconds(30)).connect(uri);
    }

    /**
     * A call in flight when the refusal arrives fails as a lost link caused by the refusal; every
     * later call fails with the refusal itself, at once.
     */
    private static void assertRefused(RpcClient client) {
        long start = System.nanoTime();
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> client.call("whoami", String.class));
        assertThat(first).isInstanceOf(TransportException.class);
        ZmqAuthenticationException refusal = first instanceof ZmqAuthenticationException
                ? (ZmqAuthenticationException) first
                : (ZmqAuthenticationException) first.getCause();
        assertThat(refusal.statusCode()).isEqualTo(400);
        assertThat(refusal)
                .hasMessageStartingWith("Authentication failed: the server refused the ")
                .hasMessageEndingWith("(ZAP status 400)")
                .hasMessageNotContaining("wrong");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThatThrownBy(() -> client.call("whoami", String.class)).isSameAs(refusal);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void plainWithAPasswordFileLetsTheRightPasswordInAndTheUserReachesHandlers() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "# users\nalice:s3cr:et\nbob:hunter2\n");
        try (RpcServer server = server("zmq-router://127.0.0.1:0?plainPasswords=" + passwords);
                RpcClient alice =
                        client("zmq-dealer://127.0.0.1:" + port(server) + "?plainUser=alice&plainPassword=s3cr:et");
                RpcClient bob = client("zmq-req://127.0.0.1:" + port(server)
                        + "?requestTimeout=3000&retries=2&plainUser=bob&plainPassword=hunter2")) {
            assertThat(alice.call("whoami", String.class)).isEqualTo("alice");
            assertThat(bob.call("whoami", String.class)).isEqualTo("bob");
            assertThat(server.peers()).allSatisfy(p -> assertThat(p.principal()).isPresent());
        }
    }

    @Test
    void plainWithAWrongPasswordFailsFastWithAnAuthenticationError() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer server = server("zmq-router://127.0.0.1:0?plainPasswords=" + passwords);
                RpcClient dealer =
                        client("zmq-dealer://127.0.0.1:" + port(server) + "?plainUser=alice&plainPassword=wrong");
                RpcClient req = client("zmq-req://127.0.0.1:" + port(server)
                        + "?requestTimeout=3000&retries=2&plainUser=mallory&plainPassword=right")) {
            assertRefused(dealer);
            assertRefused(req);
            assertThat(server.peers()).isEmpty();
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswerFromAPlainServerAndItsCallEndsByItsDeadline() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer server = server("zmq-router://127.0.0.1:0?plainPasswords=" + passwords);
                RpcClient client = Junction.client()
                        .timeout(Duration.ofMillis(500))
                        .connect("zmq-dealer://127.0.0.1:" + port(server))) {
            assertThatThrownBy(() -> client.call("whoami", String.class))
                    .isInstanceOf(dev.junction.DeadlineExceededException.class);
            assertThat(server.peers()).isEmpty();
        }
    }

    @Test
    void aZapHandlerGivenToTheBuilderDecidesAndNamesThePrincipal() {
        List<ZapRequest> seen = new CopyOnWriteArrayList<>();
        ZapHandler handler = request -> {
            seen.add(request);
            return "open sesame".equals(request.password())
                    ? Optional.of("user:" + request.username())
                    : Optional.empty();
        };
        try (RpcServer server = Junction.server()
                        .method(
                                "whoami",
                                (ctx, params) -> ctx.principal().orElseThrow().getName())
                        .transportOption(ZapHandler.OPTION, handler)
                        .listen("zmq-rep://127.0.0.1:0?mechanism=plain&zapDomain=test-domain")
                        .start();
                RpcClient ok = client("zmq-req://127.0.0.1:" + port(server)
                        + "?requestTimeout=3000&retries=2&plainUser=ali&plainPassword=open+sesame");
                RpcClient wrong = client("zmq-dealer://127.0.0.1:" + port(server) + "?plainUser=ali&plainPassword=x")) {
            assertThat(ok.call("whoami", String.class)).isEqualTo("user:ali");
            assertRefused(wrong);
            assertThat(seen).extracting(ZapRequest::domain).containsOnly("test-domain");
            assertThat(seen).extracting(ZapRequest::mechanism).containsOnly("PLAIN");
            assertThat(seen.get(0).toString()).doesNotContain("open sesame");
        }
    }

    @Test
    void curveWithAnAllowListLetsListedClientsInWithTheirKeyAsPrincipal() throws Exception {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path serverFile =
                ZeroMqKeys.write(serverKeys, dir.resolve("server.key")).get(1);
        Path clientFile = ZeroMqKeys.write(allowed, dir.resolve("client.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), "# clients\n" + allowed.publicKey() + "\n");
        try (RpcServer server = server("zmq-router://127.0.0.1:0?curveKeyFile=" + serverFile + "&curveAllow=" + allow);
                RpcClient ok = client("zmq-dealer://127.0.0.1:" + port(server) + "?curveServerKey="
                        + enc(serverKeys.publicKey()) + "&curveKeyFile=" + clientFile);
                RpcClient okReq =
                        client("zmq-req://127.0.0.1:" + port(server) + "?requestTimeout=3000&retries=2&curveServerKey="
                                + enc(serverKeys.publicKey()) + "&curveSecretKey=" + enc(allowed.secretKey()));
                RpcClient refused = client("zmq-dealer://127.0.0.1:" + port(server) + "?curveServerKey="
                        + enc(serverKeys.publicKey()) + "&curveSecretKey=" + enc(other.secretKey()))) {
            assertThat(ok.call("whoami", String.class)).isEqualTo(allowed.publicKey());
            assertThat(okReq.call("whoami", String.class)).isEqualTo(allowed.publicKey());
            assertRefused(refused);
            assertThat(refused.toString() + server.endpoints()).doesNotContain(other.secretKey());
        }
    }

    @Test
    void curveAnyClientModeAllowsEveryKeyAndAnEphemeralOne() {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair clientKeys = ZeroMqKeys.generate();
        try (RpcServer server = server(
                        "zmq-rep://127.0.0.1:0?curveSecretKey=" + enc(serverKeys.secretKey()) + "&curveAllow=*");
                RpcClient known =
                        client("zmq-req://127.0.0.1:" + port(server) + "?requestTimeout=3000&retries=2&curveServerKey="
                                + enc(serverKeys.publicKey()) + "&curveSecretKey=" + enc(clientKeys.secretKey()));
                RpcClient ephemeral = client(
                        "zmq-dealer://127.0.0.1:" + port(server) + "?curveServerKey=" + enc(serverKeys.publicKey()))) {
            assertThat(known.call("whoami", String.class)).isEqualTo(clientKeys.publicKey());
            String key = ephemeral.call("whoami", String.class);
            assertThat(ZeroMqKeys.isValid(key)).isTrue();
            assertThat(key).isNotEqualTo(clientKeys.publicKey());
            assertThat(server.endpoints().get(0).toString())
                    .doesNotContain(serverKeys.secretKey())
                    .contains("curveSecretKey=%28hidden%29");
        }
    }

    @Test
    void curveWithTheWrongServerKeyNeverConnectsAndTheCallEndsByItsDeadline() {
        ZeroMqKeys.KeyPair serverKeys = ZeroMqKeys.generate();
        try (RpcServer server = server(
                        "zmq-router://127.0.0.1:0?curveSecretKey=" + enc(serverKeys.secretKey()) + "&curveAllow=*");
                RpcClient client = Junction.client()
                        .timeout(Duration.ofMillis(500))
                        .connect("zmq-dealer://127.0.0.1:" + port(server) + "?curveServerKey="
                                + enc(ZeroMqKeys.generate().publicKey()))) {
            assertThatThrownBy(() -> client.call("whoami", String.class))
                    .isInstanceOf(dev.junction.DeadlineExceededException.class);
            assertThat(server.peers()).isEmpty();
        }
    }

    @Test
    void incompleteOrContradictingOptionsAreRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?curveSecretKey="
                        + enc(ZeroMqKeys.generate().secretKey())))
                .hasMessageContaining("curveAllow=FILE");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?curveAllow=*"))
                .hasMessageContaining("needs its key pair");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?mechanism=plain"))
                .hasMessageContaining("plainPasswords=FILE");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?mechanism=kerberos"))
                .hasMessageContaining("Unknown ZeroMQ security mechanism 'kerberos'");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?curveSecretKey=tooshort&curveAllow=*"))
                .hasMessageContaining("must be 40 Z85 characters, not 8")
                .hasMessageNotContaining("tooshort");
        Path badAllow =
                Files.writeString(dir.resolve("allow"), ZeroMqKeys.generate().publicKey() + "\nnot a key\n");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?curveSecretKey="
                        + enc(ZeroMqKeys.generate().secretKey()) + "&curveAllow=" + badAllow))
                .hasMessageContaining("line 2");
        Path badPasswords = Files.writeString(dir.resolve("pw"), "alice-without-colon\n");
        assertThatThrownBy(() -> server("zmq-router://127.0.0.1:0?plainPasswords=" + badPasswords))
                .hasMessageContaining("line 1 is not user:password")
                .hasMessageNotContaining("alice-without-colon");
        assertThatThrownBy(() -> client("zmq-dealer://127.0.0.1:1?plainUser=alice"))
                .hasMessageContaining("plainPassword=");
        assertThatThrownBy(() -> client("zmq-dealer://127.0.0.1:1?curveServerKey=abc"))
                .hasMessageContaining("server key (curveServerKey) must be 40 Z85 characters");
        assertThatThrownBy(() -> client("zmq-dealer://127.0.0.1:1?plainUser=a&plainPassword=b&curveServerKey="
                        + enc(ZeroMqKeys.generate().publicKey())))
                .hasMessageContaining("choose one mechanism");
    }

    @Test
    void passwordTableAndAllowListDecideAsDocumented() {
        PasswordTable table = PasswordTable.of(Map.of("alice", "pw"));
        assertThat(table.authenticate(new ZapRequest("d", "1.2.3.4", "PLAIN", "alice", "pw", null)))
                .contains("alice");
        assertThat(table.authenticate(new ZapRequest("d", "1.2.3.4", "PLAIN", "alice", "pW", null)))
                .isEmpty();
        assertThat(table.authenticate(new ZapRequest("d", "1.2.3.4", "PLAIN", "eve", "pw", null)))
                .isEmpty();
        String key = ZeroMqKeys.generate().publicKey();
        assertThat(table.authenticate(new ZapRequest("d", "1.2.3.4", "CURVE", null, null, key)))
                .isEmpty();
        CurveAllowList list = CurveAllowList.of(List.of(key));
        assertThat(list.authenticate(new ZapRequest("d", "a", "CURVE", null, null, key)))
                .contains(key);
        assertThat(list.authenticate(new ZapRequest(
                        "d", "a", "CURVE", null, null, ZeroMqKeys.generate().publicKey())))
                .isEmpty();
        assertThat(list.authenticate(new ZapRequest("d", "a", "PLAIN", "u", "p", null)))
                .isEmpty();
        assertThat(CurveAllowList.anyClient().authenticate(new ZapRequest("d", "a", "CURVE", null, null, key)))
                .contains(key);
        assertThatThrownBy(() -> CurveAllowList.of(List.of("nope"))).hasMessageContaining("must be 40");
    }

    private static String enc(String z85) {
        return java.net.URLEncoder.encode(z85, java.nio.charset.StandardCharsets.UTF_8);
    }
}
