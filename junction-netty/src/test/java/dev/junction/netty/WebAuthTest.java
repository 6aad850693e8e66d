package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Authentication on ws:// and wss://: Basic, Bearer, refusals, and connect failures with their causes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebAuthTest {
    @TempDir
    static Path dir;

    static TestPki pki;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(Authenticator authenticator, String uri) {
        RpcServer server = Junction.server()
                .transportOption(NettyOptions.AUTHENTICATOR, authenticator)
                .method(
                        "whoami",
                        (ctx, params) -> ctx.principal().map(p -> p.getName()).orElse(""))
                .listen(uri)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcClient connect(Junction.ClientBuilder builder, String uri) {
        RpcClient client = builder.connect(uri);
        toClose.add(0, client);
        return client;
    }

    private static String uri(RpcServer server, String scheme, String rest) {
        return scheme + "://127.0.0.1:" + server.endpoints().get(0).port() + rest;
    }

    @Test
    void basicCredentialsFromTheUriBecomeThePrincipal() {
        RpcServer server = server(Authenticator.basic(Map.of("ada", "s3cret")), "ws://127.0.0.1:0/rpc");
        RpcClient client = connect(Junction.client(), uri(server, "ws", "/rpc?user=ada&password=s3cret"));
        assertThat(client.call("whoami", String.class)).isEqualTo("ada");
    }

    @Test
    void missingOrWrongCredentialsFailTheConnectWith401() {
        RpcServer server = server(Authenticator.basic(Map.of("ada", "s3cret")), "ws://127.0.0.1:0/rpc");
        assertThatThrownBy(() -> connect(Junction.client(), uri(server, "ws", "/rpc")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("401 Unauthorized");
        assertThatThrownBy(() -> connect(Junction.client(), uri(server, "ws", "/rpc?user=ada&password=nope")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.peers()).isEmpty();
    }

    @Test
    void bearerTokenFromTheBuilderBecomesThePrincipal() {
        RpcServer server = server(
                Authenticator.bearer(token -> token.equals("t-1") ? new UserPrincipal("service-a") : null),
                "ws://127.0.0.1:0/rpc");
        RpcClient client =
                connect(Junction.client().transportOption(NettyOptions.TOKEN, "t-1"), uri(server, "ws", "/rpc"));
        assertThat(client.call("whoami", String.class)).isEqualTo("service-a");
        assertThatThrownBy(() -> connect(
                        Junction.client().transportOption(NettyOptions.TOKEN, "t-2"), uri(server, "ws", "/rpc")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void authenticatorSeesTheTlsSessionAndRemoteAddress() {
        RpcServer server = server(
                info -> new UserPrincipal(
                        info.tls().map(s -> s.getProtocol()).orElse("plain") + "@" + (info.remoteAddress() != null)),
                "wss://127.0.0.1:0/rpc?" + pki.serverOptions("server"));
        RpcClient client = connect(Junction.client(), uri(server, "wss", "/rpc?trust=" + pki.uri("ca.pem")));
        assertThat(client.call("whoami", String.class)).startsWith("TLS").endsWith("@true");
    }

    @Test
    void untrustedServerFailsTheConnectWithTheTlsCause() {
        RpcServer server = server(info -> null, "wss://127.0.0.1:0/rpc?" + pki.serverOptions("untrusted"));
        assertThatThrownBy(() -> connect(Junction.client(), uri(server, "wss", "/rpc?trust=" + pki.uri("ca.pem"))))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SSLException.class));
    }
}
