package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for a race: when the TLS handshake failed fast enough, the channel was closed and
 * its pipeline emptied before the client looked for its SslHandler, and the client took it for a
 * plain TCP link and "connected" (about 3 % of attempts against an untrusted server). The client
 * now keeps its SslHandler beyond the pipeline's teardown, so every attempt is refused.
 */
class TlsRefusalRaceTest {
    @TempDir
    static Path dir;

    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(dir);
    }

    @RepeatedTest(100)
    void aServerCertificateFromAnUntrustedAuthorityIsRefusedEveryTime() {
        RpcServer server = Junction.server()
                .method("x", (ctx, params) -> 1)
                .listen("tls://127.0.0.1:0?" + pki.serverOptions("untrusted"))
                .start();
        try {
            String uri = "tls://127.0.0.1:" + server.endpoints().get(0).port() + "?trust=" + pki.uri("ca.pem");
            assertThatThrownBy(() -> Junction.connect(uri).close()).isInstanceOf(TransportException.class);
        } finally {
            server.close();
        }
    }
}
