package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** reconnect=true: the client survives its server's restart on the same port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconnectTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(int port, String name) {
        RpcServer server = Junction.server()
                .method("name", (ctx, p) -> name)
                .method("block", (ctx, p) -> {
                    release.await();
                    return "released";
                })
                .listen("tcp://127.0.0.1:" + port)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcClient client(int port, String options) {
        RpcClient client = Junction.connect("tcp://127.0.0.1:" + port
                + "?reconnect=true&reconnectInitialDelay=20ms&reconnectMaxDelay=200ms" + options);
        toClose.add(0, client);
        return client;
    }

    @Test
    void callsInFlightFailWithTheLinkThenTheClientReconnectsToTheNewServer() throws Exception {
        RpcServer first = server(0, "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client(port, "");
        assertThat(client.call("name", String.class)).isEqualTo("first");
        CompletableFuture<String> inFlight = client.callAsync("block", String.class);
        Thread.sleep(100);

        first.close();

        assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TransportException.class)
                .isNotInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("lost");
        assertThat(client.isOpen()).isTrue();

        CompletableFuture<String> whileDown = client.callAsync("name", String.class);
        Thread.sleep(300);
        assertThat(whileDown).as("waits for the link").isNotDone();
        server(port, "second");

        assertThat(whileDown.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(client.call("name", String.class)).isEqualTo("second");
    }

    @Test
    void callsWaitingForTheLinkStillEndAtTheirDeadline() throws Exception {
        RpcServer first = server(0, "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client(port, "");
        assertThat(client.call("name", String.class)).isEqualTo("first");
        first.close();
        Thread.sleep(100);

        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(300)).call("name", String.class))
                .isInstanceOf(DeadlineExceededException.class);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void withoutWaitForLinkCallsFailFastWhileTheLinkIsDown() throws Exception {
        RpcServer first = server(0, "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client(port, "&waitForLink=false");
        assertThat(client.call("name", String.class)).isEqualTo("first");
        first.close();
        Thread.sleep(200);

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.call("name", String.class))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("waitForLink=false");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        server(port, "second");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String answer = null;
        while (answer == null && System.nanoTime() < deadline) {
            try {
                answer = client.call("name", String.class);
            } catch (TransportException e) {
                Thread.sleep(20);
            }
        }
        assertThat(answer).isEqualTo("second");
    }

    @Test
    void closingAReconnectingClientWhileTheLinkIsDownClosesIt() throws Exception {
        RpcServer first = server(0, "first");
        int port = first.endpoints().get(0).port();
        RpcClient client = client(port, "");
        CompletableFuture<String> waiting;
        first.close();
        Thread.sleep(100);
        waiting = client.callAsync("name", String.class);

        client.close();

        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void withoutReconnectTheClientClosesWhenTheServerGoes() throws Exception {
        RpcServer first = server(0, "first");
        RpcClient client = Junction.connect(first.endpoints().get(0).toString());
        toClose.add(0, client);
        first.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.isOpen()).isFalse();
    }
}
