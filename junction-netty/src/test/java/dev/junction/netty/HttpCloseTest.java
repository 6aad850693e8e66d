package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Closing an http:// client posts what was sent before the close and lets those POSTs get their
 * answers first. Repeated: an answer arriving between close() and its task on the event loop used
 * to close the client before the earlier sends were even queued, failing all of them.
 */
class HttpCloseTest {

    @org.junit.jupiter.api.RepeatedTest(10)
    void notificationsPostedJustBeforeCloseAreAnsweredAndTheCloseIsClean() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        RpcServer server = Junction.server()
                .method("note", Integer.class, n -> {
                    seen.add(n);
                    return null;
                })
                .listen("http://127.0.0.1:0/rpc")
                .start();
        try {
            RpcClient client = Junction.connect(server.endpoints().get(0).toString());
            for (int i = 0; i < 20; i++) {
                client.notify("note", i);
            }
            client.close();
            client.closeFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 20);
            assertThat(seen)
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.stream.IntStream.range(0, 20).boxed().toList());
        } finally {
            server.close();
        }
    }
}
