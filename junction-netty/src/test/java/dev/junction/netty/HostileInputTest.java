package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a hostile peer does at the transport layer, from raw sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final String ECHO = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hi\"],\"id\":1}\n";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(String options, Limits limits) {
        RpcServer server = Junction.server()
                .limits(limits)
                .method("echo", String.class, s -> s)
                .listen("tcp://127.0.0.1:0" + options)
                .start();
        toClose.add(server);
        return server;
    }

    private Socket socket(RpcServer server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.endpoints().get(0).port());
        s.setSoTimeout(10_000);
        toClose.add(0, s);
        return s;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** True once the server has closed {@code s} (end of stream or reset). */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void oversizeFrameIsRefusedBeforeItEndsAndTheConnectionCarriesOn() throws Exception {
        RpcServer server = server("", Limits.builder().maxFrameBytes(1024).build());
        Socket s = socket(server);
        BufferedReader in = reader(s);
        char[] big = new char[4096];
        Arrays.fill(big, 'x');

        write(s, new String(big)); // no newline yet: the frame is not complete
        String refusal = in.readLine();

        assertThat(refusal).contains("\"code\":-32600").contains("\"id\":null").contains("maxFrameBytes");
        write(s, new String(big) + "\n" + ECHO);
        assertThat(in.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":1}");
    }

    @Test
    void peerTricklingOneByteAtATimeIsCutByTheFrameTimeout() throws Exception {
        RpcServer server = server("?frameTimeout=600ms", Limits.defaults());
        Socket s = socket(server);
        s.setSoTimeout(50);
        long start = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < ECHO.length() && !closed; i++) {
            try {
                write(s, ECHO.substring(i, i + 1));
            } catch (SocketException e) {
                closed = true;
                break;
            }
            Thread.sleep(150);
            closed = closedByServer(s);
        }
        assertThat(closed).as("cut before the frame completed").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.peers().isEmpty());
    }

    @Test
    void connectionIdleBetweenFramesIsNotCutByTheFrameTimeout() throws Exception {
        RpcServer server = server("?frameTimeout=200ms", Limits.defaults());
        Socket s = socket(server);
        BufferedReader in = reader(s);

        write(s, ECHO);
        assertThat(in.readLine()).contains("\"result\":\"hi\"");
        Thread.sleep(800);
        write(s, ECHO);
        assertThat(in.readLine()).contains("\"result\":\"hi\"");
    }

    @Test
    void idleTimeoutClosesASilentConnection() throws Exception {
        RpcServer server = server("?idleTimeout=300ms", Limits.defaults());
        Socket s = socket(server);
        BufferedReader in = reader(s);
        write(s, ECHO);
        assertThat(in.readLine()).contains("\"result\":\"hi\"");

        long start = System.nanoTime();
        assertThat(in.readLine()).as("end of stream").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.peers().isEmpty());
    }

    @Test
    void noIdleTimeoutByDefault() throws Exception {
        RpcServer server = server("", Limits.defaults());
        Socket s = socket(server);
        s.setSoTimeout(1_000);
        assertThat(closedByServer(s)).isFalse();
        BufferedReader in = reader(s);
        write(s, ECHO);
        assertThat(in.readLine()).contains("\"result\":\"hi\"");
    }

    @Test
    void floodOfConnectionsIsBoundedByMaxConnectionsAndTheServerKeepsServing() throws Exception {
        RpcServer server = server("?maxConnections=10", Limits.defaults());
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket s = socket(server);
            s.setSoTimeout(20);
            flood.add(s);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.peers().size() == 10);
        Thread.sleep(200);
        assertThat(server.peers()).hasSize(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            int closed = 0;
            for (Socket s : flood) {
                if (s.isClosed() || closedByServer(s)) {
                    closed++;
                }
            }
            return closed >= 40;
        });

        for (Socket s : flood) {
            s.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.peers().isEmpty());
        RpcClient client = Junction.connect(server.endpoints().get(0).toString());
        toClose.add(0, client);
        assertThat(client.call("echo", String.class, "still serving")).isEqualTo("still serving");
    }
}
