package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression test: when a peer closes, the inbound requests it cancels cannot send their answers
 * down the connection that is going away, so the remote caller sees {@code
 * ConnectionClosedException}, not a result produced by the cancellation itself. ({@code
 * PeerEngine.reply()} drops answers once the peer is closing.)
 */
class CoreCloseRaceTest {
    @Test
    void closingTheServerFailsACallWhoseHandlerAnswersOnCancellation() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        String uri = "mem://core-close-race";
        RpcServer server = Junction.server()
                .method("wait", (ctx, params) -> {
                    ctx.onCancel(() -> answer.complete("cancelled"));
                    return answer;
                })
                .listen(uri)
                .start();
        try (RpcClient client = Junction.connect(uri)) {
            CompletableFuture<String> call = client.callAsync("wait", String.class);
            // The engine has taken the returned future and waits for it to complete.
            await().until(() -> answer.getNumberOfDependents() > 0);

            server.close();

            // Fails: the call completes normally with "cancelled".
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ConnectionClosedException.class);
        } finally {
            server.close();
        }
    }
}
