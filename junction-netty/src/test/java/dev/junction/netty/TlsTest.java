package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tls://: protocols and providers, certificates from PEM and key stores, mutual TLS, refusals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
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

    /** A server answering {@code whoami} with the TLS protocol, cipher and the client's principal. */
    private RpcServer server(String options) {
        return server(Junction.server(), options);
    }

    private RpcServer server(Junction.ServerBuilder builder, String options) {
        RpcServer server = builder.method("whoami", (ctx, params) -> {
                    SSLSession session = ctx.attributes().get(NettyOptions.SSL_SESSION);
                    return Map.of(
                            "protocol", session.getProtocol(),
                            "principal", ctx.principal().map(p -> p.getName()).orElse(""));
                })
                .listen("tls://127.0.0.1:0?" + options)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcClient connect(RpcServer server, String options) {
        return connect(Junction.client(), server, options);
    }

    private RpcClient connect(Junction.ClientBuilder builder, RpcServer server, String options) {
        RpcClient client = builder.connect(uri(server, options));
        toClose.add(0, client);
        return client;
    }

    private static String uri(RpcServer server, String options) {
        return "tls://127.0.0.1:" + server.endpoints().get(0).port() + "?" + options;
    }

    private static String trustCa() {
        return "trust=" + pki.uri("ca.pem");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"TLSv1.3, jdk", "TLSv1.2, jdk", "TLSv1.3, openssl", "TLSv1.2, openssl"})
    void eachProtocolWorksOnEachProvider(String protocol, String provider) {
        if (provider.equals("openssl")) {
            assumeThat(OpenSsl.isAvailable()).as("netty-tcnative is available").isTrue();
        }
        String tls = "&protocols=" + protocol + "&tlsProvider=" + provider;
        RpcServer server = server(pki.serverOptions("server") + tls);
        RpcClient client = connect(server, trustCa() + tls);

        JsonNode answer = client.call("whoami", JsonNode.class);

        assertThat(answer.get("protocol").asText()).isEqualTo(protocol);
        assertThat(answer.get("principal").asText()).isEmpty();
        assertThat(client.attributes().get(NettyOptions.SSL_SESSION).getProtocol())
                .isEqualTo(protocol);
    }

    @Test
    void openSslIsTheDefaultProviderWhenAvailable() {
        assertThat(OpenSsl.isAvailable()).as("tcnative on the test class path").isTrue();
    }

    @Test
    void mutualTlsShowsTheClientCertificatesSubjectToHandlers() {
        RpcServer server = server(pki.serverOptions("server") + "&clientAuth=require&" + trustCa());
        RpcClient client = connect(server, trustCa() + "&" + pki.clientCertOptions());

        JsonNode answer = client.call("whoami", JsonNode.class);

        assertThat(answer.get("principal").asText()).isEqualTo(TestPki.CLIENT_SUBJECT);
        assertThat(client.principal())
                .hasValueSatisfying(p -> assertThat(p.getName()).isEqualTo("CN=localhost"));
    }

    @Test
    void clientWithoutCertificateIsRefusedByAServerThatRequiresOne() {
        RpcServer server = server(pki.serverOptions("server") + "&clientAuth=require&" + trustCa());
        // Over TLS 1.3 the client's handshake may finish before the server checks for a
        // certificate: then the refusal arrives as the connection closing under the first call.
        assertThatThrownBy(() -> {
                    RpcClient client = connect(server, trustCa());
                    client.call("whoami", JsonNode.class);
                })
                .isInstanceOf(TransportException.class);
        assertThat(server.peers()).isEmpty();
    }

    @Test
    void optionalClientAuthAcceptsClientsWithAndWithoutCertificates() {
        RpcServer server = server(pki.serverOptions("server") + "&clientAuth=optional&" + trustCa());
        RpcClient anonymous = connect(server, trustCa());
        RpcClient known = connect(server, trustCa() + "&" + pki.clientCertOptions());

        assertThat(anonymous.call("whoami", JsonNode.class).get("principal").asText())
                .isEmpty();
        assertThat(known.call("whoami", JsonNode.class).get("principal").asText())
                .isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    @Test
    void serverCertificateFromAnUntrustedAuthorityIsRefused() {
        RpcServer server = server(pki.serverOptions("untrusted"));

        assertThatThrownBy(() -> connect(server, trustCa()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("tls://127.0.0.1:")
                .cause()
                .isInstanceOf(SSLException.class);
    }

    @Test
    void serverCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() {
        RpcServer server = server(pki.serverOptions("other-host"));

        assertThatThrownBy(() -> connect(server, trustCa()))
                .isInstanceOf(TransportException.class)
                .cause()
                .isInstanceOf(SSLException.class);
        RpcClient client = connect(server, trustCa() + "&hostnameVerification=false");
        assertThat(client.call("whoami", JsonNode.class).get("protocol").asText())
                .startsWith("TLS");
    }

    @Test
    void insecureClientTrustsAnyServer() {
        RpcServer server = server(pki.serverOptions("untrusted"));
        RpcClient client = connect(server, "insecure=true");
        assertThat(client.call("whoami", JsonNode.class).get("protocol").asText())
                .startsWith("TLS");
    }

    @Test
    void certificatesAndKeysFromPkcs12KeyStores() throws Exception {
        Path serverStore = pki.keyStore("server", pki.server, "s3cret");
        Path clientStore = pki.keyStore("client", pki.client, "c1ient");
        Path trustStore = pki.keyStore("trust", pki.ca, "trust");
        RpcServer server = server("keyStore=" + serverStore + "&keyStorePassword=s3cret&keyStoreType=PKCS12"
                + "&clientAuth=require&trustStore=" + trustStore + "&trustStorePassword=trust");
        RpcClient client = connect(
                server,
                "keyStore=" + clientStore + "&keyStorePassword=c1ient&trustStore=" + trustStore
                        + "&trustStorePassword=trust");

        assertThat(client.call("whoami", JsonNode.class).get("principal").asText())
                .isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    @Test
    void readyMadeSslContextsThroughTransportOptions() throws Exception {
        SslContext serverContext = SslContextBuilder.forServer(
                        pki.server.getKeyPair().getPrivate(), pki.server.getCertificatePath())
                .build();
        SslContext clientContext = SslContextBuilder.forClient()
                .trustManager(pki.ca.getCertificate())
                .build();
        RpcServer server = server(Junction.server().transportOption(NettyOptions.SSL_CONTEXT, serverContext), "");
        RpcClient client =
                connect(Junction.client().transportOption(NettyOptions.SSL_CONTEXT, clientContext), server, "");

        assertThat(client.call("whoami", JsonNode.class).get("protocol").asText())
                .startsWith("TLS");
    }

    @Test
    void serverWithoutCertificateIsAMisuseNamingTheOptions() {
        assertThatThrownBy(() -> Junction.server()
                        .method("x", (ctx, p) -> null)
                        .listen("tls://127.0.0.1:0")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cert=PATH");
    }
}
