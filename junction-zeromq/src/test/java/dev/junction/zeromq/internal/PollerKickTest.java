package dev.junction.zeromq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The context's poller kick runs while sockets are registered with a loop, and is released with them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollerKickTest {
    @Test
    void everySocketRegisteredIsReleasedWhenItsConnectionCloses() {
        PollerKick kick = ZmqContext.kick();
        int before = kick.retained();
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .listen("zmq-router://127.0.0.1:0")
                        .start();
                RpcClient client = Junction.connect(
                        "zmq-dealer://127.0.0.1:" + server.endpoints().get(0).port())) {
            assertThat(client.call("echo", String.class, "x")).isEqualTo("x");
            assertThat(kick.retained()).isGreaterThanOrEqualTo(2); // the ROUTER and the DEALER
        }
        // a socket an earlier test left closing may be released meanwhile, hence at most
        await().atMost(Duration.ofSeconds(10)).until(() -> kick.retained() <= before);
    }

    /**
     * A secured server's sockets live in a context of their own, with the ZAP handler; its kick pair
     * must still connect there (a ZAP handler that refused its NULL handshake would silently leave
     * that context's connecting sockets unprotected from the race).
     */
    @Test
    void theSecuredContextsKickGoesThroughItsOwnLoopbackPair(@TempDir Path dir) throws IOException {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:pw\n");
        PollerKick kick = ZmqSecurity.securedKick();
        assertThat(kick).isNotSameAs(ZmqContext.kick());
        try (RpcServer secured = Junction.server()
                .method("echo", String.class, s -> s)
                .listen("zmq-router://127.0.0.1:0?plainPasswords=" + passwords)
                .start()) {
            assertThat(kick.retained()).isPositive();
            long before = kick.delivered();
            await().atMost(Duration.ofSeconds(10)).until(() -> kick.delivered() > before + 2);
        }
    }
}
