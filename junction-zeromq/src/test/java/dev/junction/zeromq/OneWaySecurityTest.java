package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLAIN and CURVE on the one-way patterns: a PULL server checks its pushers' passwords, a PUB
 * checks its subscribers' keys; what a refused peer sends never arrives, and a refused subscriber
 * gets nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneWaySecurityTest {
    private static final Duration GRACE = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private final List<String> received = new CopyOnWriteArrayList<>();

    private RpcServer recorder(String uri, String tag) {
        return Junction.server()
                .method("event", (context, params) -> {
                    received.add(tag + ":" + params.get(0).asText());
                    return null;
                })
                .listen(uri)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String enc(String z85) {
        return URLEncoder.encode(z85, StandardCharsets.UTF_8);
    }

    @Test
    void aPullServerWithPlainTakesOnlyWhatPushersWithTheRightPasswordSend() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:right\n");
        try (RpcServer pull = recorder("zmq-pull://127.0.0.1:0?plainPasswords=" + passwords, "pull");
                RpcClient mallory = Junction.connect("zmq-push://127.0.0.1:"
                        + pull.endpoints().get(0).port() + "?plainUser=alice&plainPassword=wrong");
                RpcClient alice = Junction.connect("zmq-push://127.0.0.1:"
                        + pull.endpoints().get(0).port() + "?plainUser=alice&plainPassword=right")) {
            mallory.notify("event", "from mallory");
            alice.notify("event", "a1");
            alice.notify("event", "a2");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
            Thread.sleep(GRACE.toMillis()); // room for a refused message that should never come
            assertThat(received).containsExactly("pull:a1", "pull:a2");
        }
    }

    @Test
    void aPubWithCurveSendsOnlyToSubscribersOnItsAllowList() throws Exception {
        ZeroMqKeys.KeyPair pubKeys = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path pubFile = ZeroMqKeys.write(pubKeys, dir.resolve("pub.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), allowed.publicKey() + "\n");
        int port = freePort();
        String sub = "zmq-sub://127.0.0.1:" + port + "?curveServerKey=" + enc(pubKeys.publicKey());
        try (RpcClient pub = Junction.connect(
                        "zmq-pub://127.0.0.1:" + port + "?curveKeyFile=" + pubFile + "&curveAllow=" + allow);
                RpcServer outsider = recorder(sub + "&curveSecretKey=" + enc(other.secretKey()), "outsider");
                RpcServer member = recorder(sub + "&curveSecretKey=" + enc(allowed.secretKey()), "member")) {
            pub.notify("event", "n1");
            pub.notify("event", "n2");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
            Thread.sleep(GRACE.toMillis());
            assertThat(received).containsExactly("member:n1", "member:n2");
        }
    }
}
