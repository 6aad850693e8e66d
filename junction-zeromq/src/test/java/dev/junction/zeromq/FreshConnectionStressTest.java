package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.RpcClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Many fresh connections, each making one call, to a bare JeroMQ ROUTER in a ZeroMQ context of its
 * own (as any remote server is). JeroMQ 0.6.0 now and then leaves such a fresh link unregistered in
 * its I/O poller (see the README, "A JeroMQ connect race"); the handshake timer is set to 30 s here,
 * so only the context's poller kick can bring such a link back within a call's 5 s deadline.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FreshConnectionStressTest {
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+|\"[^\"]*\")");

    private ZContext serverContext;
    private Thread server;
    private int port;

    @BeforeEach
    void startRawRouter() {
        serverContext = new ZContext(1);
        ZMQ.Socket router = serverContext.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        port = router.bindToRandomPort("tcp://127.0.0.1");
        server = new Thread(() -> answerAll(router), "raw-router");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        serverContext.close(); // ends the router's recv with an error
        server.join(5000);
    }

    /** Answers every request with "ok" behind its envelope; a REQ's control messages get an empty frame. */
    private static void answerAll(ZMQ.Socket router) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<byte[]> frames = new ArrayList<>();
                do {
                    byte[] frame = router.recv(0);
                    if (frame == null) {
                        return;
                    }
                    frames.add(frame);
                } while (router.hasReceiveMore());
                byte[] payload = frames.remove(frames.size() - 1);
                boolean req = frames.size() > 1 && frames.get(frames.size() - 1).length == 0;
                byte[] answer = answer(payload);
                if (answer == null && !req) {
                    continue; // a DEALER's HELLO or BYE, or a notification
                }
                for (byte[] f : frames) {
                    router.send(f, ZMQ.SNDMORE);
                }
                router.send(answer == null ? new byte[0] : answer, 0);
            }
        } catch (RuntimeException e) {
            // the context was closed
        }
    }

    private static byte[] answer(byte[] payload) {
        if (payload.length >= 4 && payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0) {
            return null; // Junction's control messages start with four zero bytes
        }
        Matcher id = ID.matcher(new String(payload, StandardCharsets.UTF_8));
        if (!id.find()) {
            return null;
        }
        return ("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":" + id.group(1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void oneCallEach(String scheme, int connections) {
        for (int i = 0; i < connections; i++) {
            try (RpcClient client = Junction.client()
                    .timeout(Duration.ofSeconds(5))
                    .connect(scheme + "://127.0.0.1:" + port + "?handshakeInterval=30000&linger=0")) {
                assertThat(client.call("echo", String.class, "x"))
                        .as("the call of fresh connection %d", i)
                        .isEqualTo("ok");
            }
        }
    }

    @Test
    void twoHundredFreshDealersEachGetTheirAnswer() {
        oneCallEach("zmq-dealer", 200);
    }

    @Test
    void oneHundredFreshReqClientsEachGetTheirAnswer() {
        oneCallEach("zmq-req", 100);
    }
}
