package dev.junction.testkit;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite over tls:// with the BSON codec, framed by BSON's length prefix, with a
 * certificate made at test time and the client trusting its CA.
 */
class BsonTlsConformanceTest extends BsonMemConformanceTest {
    @TempDir
    static Path dir;

    private static String serverOptions;
    private static String clientOptions;

    @BeforeAll
    static void makeCertificates() throws Exception {
        Instant now = Instant.now();
        CertificateBuilder base = new CertificateBuilder()
                .notBefore(now.minus(1, ChronoUnit.DAYS))
                .notAfter(now.plus(1, ChronoUnit.DAYS))
                .ecp256();
        X509Bundle ca = base.copy()
                .subject("CN=BSON Test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        X509Bundle server = base.copy()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(ca);
        serverOptions = "cert=" + write("server.pem", server.getCertificatePathPEM()) + "&key="
                + write("server-key.pem", server.getPrivateKeyPEM());
        clientOptions = "trust=" + write("ca.pem", ca.getCertificatePEM());
    }

    private static String write(String name, String pem) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return URLEncoder.encode(file.toString(), StandardCharsets.UTF_8);
    }

    @Override
    protected String listenUri() {
        return "tls://127.0.0.1:0?codec=bson&" + serverOptions;
    }

    @Override
    protected String connectUri(dev.junction.transport.Endpoint bound) {
        return "tls://127.0.0.1:" + bound.port() + "?codec=bson&" + clientOptions;
    }

    @Override
    protected String unboundUri() {
        return "tls://127.0.0.1:" + BsonTcpConformanceTest.closedPort() + "?codec=bson&" + clientOptions;
    }
}
