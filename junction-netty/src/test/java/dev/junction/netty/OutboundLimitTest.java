package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.CodecException;
import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sending side of {@code Limits.maxFrameBytes}, the same on every scheme: a message bigger
 * than the limit is not sent; that one call fails at once with the codec's {@link
 * CodecException} naming the setting ("Encoded message of 2056 bytes is longer than
 * Limits.maxFrameBytes (1024)"), and the connection carries on. (The engine's own check, which
 * would throw {@code LimitExceededException}, is not reached: the codec is built with the same
 * limits and refuses first.) An answer bigger than the server's limit is replaced by
 * an internal error (-32603) for that call only.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundLimitTest {
    private static final Limits SMALL = Limits.builder().maxFrameBytes(1024).build();

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:0", "ws://127.0.0.1:0/rpc", "ws://127.0.0.1:0/rpc?compression=false"})
    void anOversizeCallFailsAloneAndTheConnectionCarriesOn(String listen) {
        try (RpcServer server = Junction.server()
                        .method("length", (ctx, p) -> p.get(0).asText().length())
                        .listen(listen)
                        .start();
                RpcClient client = Junction.client().limits(SMALL).connect(connectUri(server, listen))) {
            assertThatThrownBy(() -> client.call("length", int.class, "x".repeat(2000)))
                    .isInstanceOf(CodecException.class)
                    .hasMessage("Encoded message of 2056 bytes is longer than Limits.maxFrameBytes (1024)");
            client.notify("length", "x".repeat(2000)); // fire-and-forget: not sent, nothing to tell

            assertThat(client.isOpen()).isTrue();
            assertThat(client.call("length", int.class, "x".repeat(900))).isEqualTo(900);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:0", "ws://127.0.0.1:0/rpc"})
    void anOversizeAnswerBecomesAnInternalErrorForThatCallOnly(String listen) {
        try (RpcServer server = Junction.server()
                        .limits(SMALL)
                        .method("repeat", (ctx, p) -> "y".repeat(p.get(0).asInt()))
                        .listen(listen)
                        .start();
                RpcClient client = Junction.connect(connectUri(server, listen))) {
            assertThatThrownBy(() -> client.call("repeat", String.class, 5000))
                    .isInstanceOf(RpcException.class)
                    .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(-32603));

            assertThat(client.isOpen()).isTrue();
            assertThat(client.call("repeat", String.class, 10)).isEqualTo("y".repeat(10));
        }
    }

    private static String connectUri(RpcServer server, String listen) {
        String bound = server.endpoints().get(0).toString();
        int query = listen.indexOf('?');
        return query < 0 || bound.contains("?") ? bound : bound + listen.substring(query);
    }
}
