package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The transport conformance suite on https://, without compression. */
class HttpsConformanceTest extends AbstractTransportConformanceTest {
    @TempDir
    static Path dir;

    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @Override
    protected String listenUri() {
        return "https://127.0.0.1:0/rpc?" + pki.serverOptions("server");
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "https://127.0.0.1:" + bound.port() + "/rpc?trust=" + pki.uri("ca.pem");
    }

    @Override
    protected boolean supportsServerToClientCalls() {
        return false;
    }

    @Override
    protected String unboundUri() {
        return "https://127.0.0.1:" + TestPorts.closedPort() + "/rpc?trust=" + pki.uri("ca.pem");
    }
}
