package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The transport conformance suite on wss://, without compression. */
class WssConformanceTest extends AbstractTransportConformanceTest {
    @TempDir
    static Path dir;

    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @Override
    protected String listenUri() {
        return "wss://127.0.0.1:0/rpc?compression=false&" + pki.serverOptions("server");
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "wss://127.0.0.1:" + bound.port() + "/rpc?compression=false&trust=" + pki.uri("ca.pem");
    }

    @Override
    protected String unboundUri() {
        return "wss://127.0.0.1:" + TestPorts.closedPort() + "/rpc?trust=" + pki.uri("ca.pem");
    }
}
