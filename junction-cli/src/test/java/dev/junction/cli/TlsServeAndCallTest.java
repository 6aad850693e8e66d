package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.transport.Endpoint;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The suite over {@code tls://}: a server certificate for 127.0.0.1 issued by a CA made at test
 * time, which the client trusts through the URI; and the TLS options of {@code call}.
 */
class TlsServeAndCallTest extends AbstractServeAndCallTest {
    private Path dir;
    private X509Bundle clientBundle;

    @Override
    String[] serveArgs() {
        try {
            dir = Files.createTempDirectory("junction-cli-tls");
            Instant now = Instant.now();
            CertificateBuilder base = new CertificateBuilder()
                    .notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(1, ChronoUnit.DAYS))
                    .ecp256();
            X509Bundle ca = base.copy()
                    .subject("CN=CLI Test CA")
                    .setIsCertificateAuthority(true)
                    .buildSelfSigned();
            X509Bundle server = base.copy()
                    .subject("CN=localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addExtendedKeyUsageServerAuth()
                    .buildIssuedBy(ca);
            clientBundle = base.copy()
                    .subject("CN=cli-client")
                    .addExtendedKeyUsageClientAuth()
                    .buildIssuedBy(ca);
            write("ca.pem", ca.getCertificatePEM());
            write("server.pem", server.getCertificatePathPEM());
            write("server-key.pem", server.getPrivateKeyPEM());
            write("client.pem", clientBundle.getCertificatePathPEM());
            write("client-key.pem", clientBundle.getPrivateKeyPEM());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new String[] {
            "tls://127.0.0.1:0?cert=" + enc("server.pem") + "&key=" + enc("server-key.pem") + "&trust=" + enc("ca.pem")
                    + "&clientAuth=optional"
        };
    }

    @AfterAll
    void deletePki() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private void write(String name, String pem) throws IOException {
        Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
    }

    private String enc(String name) {
        return URLEncoder.encode(dir.resolve(name).toString(), StandardCharsets.UTF_8);
    }

    private int port() {
        return Endpoint.parse(server.uri()).port();
    }

    @Override
    String clientUri() {
        return "tls://127.0.0.1:" + port() + "?trust=" + enc("ca.pem");
    }

    @Override
    String refusedUri() {
        return "tls://127.0.0.1:" + Cli.freePort() + "?insecure=true";
    }

    @Test
    void trust_given_as_an_option_verifies_the_server() {
        Cli.Result r = Cli.run(
                "call", "--trust", dir.resolve("ca.pem").toString(), "tls://127.0.0.1:" + port(), "sum", "[1, 2]");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("3" + System.lineSeparator());
    }

    @Test
    void insecure_accepts_a_certificate_it_cannot_verify() {
        Cli.Result r = Cli.run("call", "--insecure", "tls://127.0.0.1:" + port(), "get_data");
        assertThat(r.out()).isEqualTo("[\"hello\",5]" + System.lineSeparator());
        assertThat(r.exit()).isZero();
    }

    @Test
    void a_server_certificate_that_is_not_trusted_is_a_transport_failure_naming_tls() {
        Cli.Result r = Cli.run("call", "tls://127.0.0.1:" + port(), "get_data");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("cannot connect to tls://127.0.0.1:" + port() + ": TLS failed: ");
        assertThat(r.exit()).isEqualTo(ExitCodes.TRANSPORT);
    }

    @Test
    void a_client_certificate_given_by_cert_and_key_reaches_the_server() {
        Cli.Result r = Cli.run(
                "notify",
                "--trust",
                dir.resolve("ca.pem").toString(),
                "--cert",
                dir.resolve("client.pem").toString(),
                "--key",
                dir.resolve("client-key.pem").toString(),
                "tls://127.0.0.1:" + port(),
                "update",
                "[\"with a client certificate\"]");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        server.awaitLog("notification update [\"with a client certificate\"]");
    }
}
