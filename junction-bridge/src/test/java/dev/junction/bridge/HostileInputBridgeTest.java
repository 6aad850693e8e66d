package dev.junction.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input on either side of a bridge: answered or refused where it arrives, never passed on. */
class HostileInputBridgeTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    @Test
    void malformedInboundMessagesAreAnsweredByTheBridgeAndNeverReachTheDownstream() throws Exception {
        RpcServer down = keep(Junction.server()
                .fallback((context, params) -> {
                    seen.add(context.method());
                    return "ok";
                })
                .listen("tcp://127.0.0.1:0")
                .start());
        Bridge bridge = keep(Bridge.from("tcp://127.0.0.1:0")
                .to(down.endpoints().get(0).toString())
                .start());
        int port = bridge.endpoints().get(0).port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"code\":-32700");
            out.write("{\"jsonrpc\":\"2.0\",\"id\":5}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"code\":-32600").contains("\"id\":5");
            out.write("[]\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"code\":-32600");
            out.write("{\"jsonrpc\":\"2.0\",\"method\":\"fine\",\"id\":6}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":6}");
        }
        assertThat(seen).containsExactly("fine");
    }

    @Test
    void anOversizedInboundMessageIsRefusedByTheBridgesOwnLimitAndTheConnectionCarriesOn() throws Exception {
        RpcServer down = keep(Junction.server()
                .fallback((context, params) -> {
                    seen.add(context.method());
                    return "ok";
                })
                .listen("tcp://127.0.0.1:0")
                .start());
        Bridge bridge = keep(Bridge.from("tcp://127.0.0.1:0")
                .to(down.endpoints().get(0).toString())
                .inbound(server -> server.limits(dev.junction.Limits.defaults().toBuilder()
                        .maxFrameBytes(1024)
                        .build()))
                .start());
        try (Socket socket = new Socket("127.0.0.1", bridge.endpoints().get(0).port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String big =
                    "{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":[\"" + "x".repeat(4096) + "\"],\"id\":1}\n";
            out.write(big.getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"code\":-32600").contains("maxFrameBytes");
            out.write("{\"jsonrpc\":\"2.0\",\"method\":\"small\",\"id\":2}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":2}");
        }
        assertThat(seen).containsExactly("small");
    }

    @Test
    void aDownstreamThatAnswersGarbageGetsTheCallerAClearErrorNotAHang() throws Exception {
        ServerSocket liar = keep(new ServerSocket(0));
        Thread thread = new Thread(() -> {
            try (Socket s = liar.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                in.readLine();
                s.getOutputStream()
                        .write("this is not json\n{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":999}\n"
                                .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                in.readLine(); // hold the connection until the bridge gives up on it
            } catch (Exception e) {
                // the test closes the socket
            }
        });
        thread.setDaemon(true);
        thread.start();
        Bridge bridge = keep(Bridge.from("tcp://127.0.0.1:0")
                .to("tcp://127.0.0.1:" + liar.getLocalPort())
                .timeout(Duration.ofMillis(500))
                .start());
        RpcClient client = keep(Junction.connect(bridge.endpoints().get(0).toString()));
        assertThatThrownBy(() -> client.call("anything", String.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Bridge.DOWNSTREAM_UNAVAILABLE);
                    assertThat(e.errorMessage())
                            .startsWith("Bridge: downstream tcp://127.0.0.1:" + liar.getLocalPort() + " unavailable: ");
                });
        assertThat(bridge.stats().failed()).isEqualTo(1);
    }
}
