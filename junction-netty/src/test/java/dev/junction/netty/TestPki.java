package dev.junction.netty;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Certificates made at test time: a CA, a server certificate for 127.0.0.1 and localhost, two
 * client certificates, a server certificate for another host name, and a second, untrusted CA with
 * its own server certificate. Each is written as PEM (chain and PKCS#8 key) into a directory.
 */
final class TestPki {
    static final String CLIENT_SUBJECT = "CN=client-1,O=Junction Tests";

    final Path dir;
    final X509Bundle ca;
    final X509Bundle server;
    final X509Bundle client;
    final X509Bundle otherHostServer;
    final X509Bundle untrustedServer;

    TestPki(Path dir) throws Exception {
        this.dir = dir;
        Instant now = Instant.now();
        CertificateBuilder base = new CertificateBuilder()
                .notBefore(now.minus(1, ChronoUnit.DAYS))
                .notAfter(now.plus(1, ChronoUnit.DAYS))
                .ecp256();
        ca = base.copy()
                .subject("CN=Junction Test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        server = base.copy()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .addSanDnsName("localhost")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(ca);
        client = base.copy()
                .subject(CLIENT_SUBJECT)
                .addExtendedKeyUsageClientAuth()
                .buildIssuedBy(ca);
        otherHostServer = base.copy()
                .subject("CN=other.example")
                .addSanDnsName("other.example")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(ca);
        X509Bundle untrustedCa = base.copy()
                .subject("CN=Untrusted CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        untrustedServer = base.copy()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(untrustedCa);
        write("ca.pem", ca.getCertificatePEM());
        writeBundle("server", server);
        writeBundle("client", client);
        writeBundle("other-host", otherHostServer);
        writeBundle("untrusted", untrustedServer);
    }

    private void writeBundle(String name, X509Bundle bundle) throws IOException {
        write(name + ".pem", bundle.getCertificatePathPEM());
        write(name + "-key.pem", bundle.getPrivateKeyPEM());
    }

    private void write(String name, String pem) throws IOException {
        Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
    }

    /** Writes {@code bundle} as a PKCS#12 key store and returns its path. */
    Path keyStore(String name, X509Bundle bundle, String password) throws Exception {
        Path path = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            bundle.toKeyStore(password.toCharArray()).store(out, password.toCharArray());
        }
        return path;
    }

    /** A file of the directory, URL-encoded for a URI option. */
    String uri(String name) {
        return URLEncoder.encode(dir.resolve(name).toString(), StandardCharsets.UTF_8);
    }

    /** URI options for a server presenting {@code name}'s certificate. */
    String serverOptions(String name) {
        return "cert=" + uri(name + ".pem") + "&key=" + uri(name + "-key.pem");
    }

    /** URI options for a client presenting the client certificate. */
    String clientCertOptions() {
        return "cert=" + uri("client.pem") + "&key=" + uri("client-key.pem");
    }
}
