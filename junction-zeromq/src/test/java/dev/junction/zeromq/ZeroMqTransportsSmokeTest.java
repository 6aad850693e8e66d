package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DEALER/ROUTER over each ZeroMQ transport, both ways, and binding the other way round. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ZeroMqTransportsSmokeTest {
    @TempDir
    Path dir;

    private void roundTrip(String listen, String connect) {
        List<Object> received = new CopyOnWriteArrayList<>();
        try (RpcServer server = Junction.server()
                        .method("echo", String.class, s -> s)
                        .listen(listen)
                        .start();
                RpcClient client = Junction.client()
                        .method("client.ping", Object.class, p -> {
                            received.add(p);
                            return "pong";
                        })
                        .connect(connect.replace(
                                "{port}",
                                String.valueOf(server.endpoints().get(0).port())))) {
            assertThat(client.call("echo", String.class, "hello")).isEqualTo("hello");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.peers().size() == 1);
            assertThat(server.peers().iterator().next().call("client.ping", String.class, 1))
                    .isEqualTo("pong");
        }
    }

    @Test
    void tcp() {
        roundTrip("zmq-router://127.0.0.1:0", "zmq-dealer://127.0.0.1:{port}");
    }

    @Test
    void tcpWithTheServerConnectingAndTheClientBinding() {
        int port = FreePort.find();
        roundTrip("zmq-router://127.0.0.1:" + port + "?bind=false", "zmq-dealer://127.0.0.1:" + port + "?bind=true");
    }

    @Test
    void ipc() {
        // JeroMQ emulates ipc:// over loopback TCP on a port derived from the path, which another
        // process on the machine may hold: a second path is tried then.
        for (int attempt = 0; ; attempt++) {
            String path = dir.resolve("rpc-" + attempt + ".sock").toString();
            try {
                roundTrip("zmq-router://" + path + "?transport=ipc", "zmq-dealer://" + path + "?transport=ipc");
                return;
            } catch (dev.junction.TransportException e) {
                if (attempt == 2 || !e.getMessage().contains("Errno 48")) {
                    throw e;
                }
            }
        }
    }

    @Test
    void inproc() {
        String name = "rpc-" + UUID.randomUUID();
        roundTrip("zmq-router://" + name + "?transport=inproc", "zmq-dealer://" + name + "?transport=inproc");
    }

    @Test
    void oneDealerConnectedToTwoRoutersViaTheConnectOption() {
        try (RpcServer a = Junction.server()
                        .method("who", Object.class, p -> "a")
                        .listen("zmq-router://127.0.0.1:0")
                        .start();
                RpcServer b = Junction.server()
                        .method("who", Object.class, p -> "b")
                        .listen("zmq-router://127.0.0.1:0")
                        .start();
                RpcClient client = Junction.connect(
                        "zmq-dealer://127.0.0.1:" + a.endpoints().get(0).port() + "?connect=127.0.0.1:"
                                + b.endpoints().get(0).port())) {
            List<String> answers = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(client.call("who", String.class, i));
            }
            assertThat(answers).contains("a", "b");
        }
    }
}
