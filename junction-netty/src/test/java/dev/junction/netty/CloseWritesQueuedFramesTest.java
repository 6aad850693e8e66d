package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Closing a connection first writes what was sent before the close. */
class CloseWritesQueuedFramesTest {

    @Test
    void notificationsSentJustBeforeCloseAreDelivered() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        RpcServer server = Junction.server()
                .method("note", Integer.class, n -> {
                    seen.add(n);
                    return null;
                })
                .listen("tcp://127.0.0.1:0")
                .start();
        try {
            RpcClient client = Junction.connect(server.endpoints().get(0).toString());
            for (int i = 0; i < 1_000; i++) {
                client.notify("note", i);
            }
            client.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1_000);
            assertThat(seen).isSorted();
        } finally {
            server.close();
        }
    }
}
