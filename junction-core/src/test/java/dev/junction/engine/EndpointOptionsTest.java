package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Junction;
import dev.junction.RpcServer;
import dev.junction.framing.FramingException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.Transports;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Codec settings given as endpoint URI options reach the wire. */
class EndpointOptionsTest {

    private static String exchange(String uri, String request) throws Exception {
        RpcServer server = Junction.server()
                .method("add", (ctx, p) -> p.get(0).asInt() + p.get(1).asInt())
                .listen(uri)
                .start();
        try {
            Connection raw = Transports.forScheme("mem")
                    .connect(Endpoint.parse(uri), TransportOptions.defaults())
                    .get(5, TimeUnit.SECONDS);
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            raw.start(new ConnectionHandler() {
                @Override
                public void onFrame(byte[] frame) {
                    answers.add(new String(frame, StandardCharsets.UTF_8));
                }

                @Override
                public void onFrameError(FramingException error) {}

                @Override
                public void onClose(Throwable cause) {}
            });
            raw.send(request.getBytes(StandardCharsets.UTF_8));
            String answer = answers.poll(5, TimeUnit.SECONDS);
            raw.close();
            return answer;
        } finally {
            server.close();
        }
    }

    @Test
    void jsonRpc1DialectFromTheUriAnswersInJsonRpc1() throws Exception {
        String answer = exchange("mem://opt-v1?dialect=jsonrpc1", "{\"method\":\"add\",\"params\":[1,2],\"id\":3}");
        assertThat(SpecVectors.MAPPER.readTree(answer))
                .isEqualTo(SpecVectors.MAPPER.readTree("{\"result\":3,\"error\":null,\"id\":3}"));
    }

    @Test
    void strictDialectRefusesAMissingVersionMember() throws Exception {
        String answer = exchange("mem://opt-strict", "{\"method\":\"add\",\"params\":[1,2],\"id\":3}");
        assertThat(SpecVectors.MAPPER
                        .readTree(answer)
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(-32600);
    }

    @Test
    void unknownOptionValuesListTheChoices() {
        assertThatThrownBy(() -> Junction.server()
                        .method("x", (c, p) -> 1)
                        .listen("mem://bad?dialect=yaml")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strict, lenient or jsonrpc1");
        assertThatThrownBy(() -> Junction.connect("mem://bad?codec=bson"))
                .hasMessageContaining("dev.junction:junction-bson");
    }
}
