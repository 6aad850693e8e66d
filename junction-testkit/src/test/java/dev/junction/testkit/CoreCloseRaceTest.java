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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A core bug the conformance suite ran into, kept as a failing test until core fixes it (remove
 * {@code @Disabled} then).
 *
 * <p>{@code PeerEngine.closeInternal()} runs {@code closeNow()}, which cancels inbound requests and
 * runs their {@code onCancel} actions on the closing thread, before {@code connection.close()}; and
 * {@code PeerEngine.reply()} does not check {@code open}. A handler that answers when cancelled
 * (here by completing the future it returned, from its {@code onCancel} action) therefore sends its
 * answer down the still-open connection, and the client gets a normal result instead of {@code
 * ConnectionClosedException}, although it was the server's close that ended the call. With a
 * handler that answers from its own thread the same thing happens, but only when it wins the race
 * with {@code connection.close()}.
 */
@Disabled("core bug: answers of requests cancelled by PeerEngine.close() are still sent; see the class comment")
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
