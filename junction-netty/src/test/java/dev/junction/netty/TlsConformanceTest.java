package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The transport conformance suite on tls://, with mutual TLS, on the default provider. */
class TlsConformanceTest extends AbstractTransportConformanceTest {
    @TempDir
    static Path dir;

    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @Override
    protected String listenUri() {
        return "tls://127.0.0.1:0?" + pki.serverOptions("server") + "&clientAuth=require&trust=" + pki.uri("ca.pem");
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "tls://127.0.0.1:" + bound.port() + "?trust=" + pki.uri("ca.pem") + "&" + pki.clientCertOptions();
    }

    @Override
    protected String unboundUri() {
        return "tls://127.0.0.1:" + TestPorts.closedPort() + "?trust=" + pki.uri("ca.pem");
    }
}
