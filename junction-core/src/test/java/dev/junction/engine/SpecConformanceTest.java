package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcServer;
import dev.junction.framing.Framing;
import dev.junction.framing.FramingException;
import dev.junction.framing.Framings;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.Transports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the specification's examples (jsonrpc-2.0-spec.json) against a Junction server:
 * as exact frames through the server API on mem://, and as raw bytes on a real socket through
 * every JSON framing. After each case a sentinel call proves that nothing else came back and the
 * connection still works.
 */
class SpecConformanceTest {
    private static final String SENTINEL = "{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":\"sentinel\"}";

    static Stream<SpecVectors.Case> cases() {
        return SpecVectors.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseAnswersAsTheSpecificationSaysThroughTheServerApi(SpecVectors.Case c) throws Exception {
        SpecMethods methods = new SpecMethods();
        String name = "spec-" + System.nanoTime();
        RpcServer server = Junction.server()
                .services(methods.services())
                .listen("mem://" + name)
                .start();
        try {
            Connection raw = Transports.forScheme("mem")
                    .connect(Endpoint.parse("mem://" + name), TransportOptions.defaults())
                    .get(5, TimeUnit.SECONDS);
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            raw.start(collector(answers));
            raw.send(c.request().getBytes(StandardCharsets.UTF_8));
            raw.send(SENTINEL.getBytes(StandardCharsets.UTF_8));
            assertAnswers(c, () -> answers.poll(10, TimeUnit.SECONDS));
            raw.close();
        } finally {
            server.close();
        }
    }

    static Stream<Arguments> casesByFraming() {
        List<Arguments> args = new ArrayList<>();
        List<Framing> framings = List.of(
                Framings.newline(),
                Framings.rfc7464(),
                Framings.netstring(),
                Framings.contentLength(),
                Framings.frameless(),
                Framings.terminator((byte) 0x04));
        for (Framing f : framings) {
            for (SpecVectors.Case c : SpecVectors.cases()) {
                // Frameless framing finds frames by scanning JSON, so it cannot delimit invalid JSON.
                if (f.name().equals("frameless") && !c.isValidJson()) {
                    continue;
                }
                args.add(Arguments.of(f, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesByFraming")
    void caseAnswersAsTheSpecificationSaysAsRawBytesThroughEveryFraming(Framing framing, SpecVectors.Case c)
            throws Exception {
        SpecMethods methods = new SpecMethods();
        try (SocketPeerServer server = new SocketPeerServer(framing, Limits.defaults(), methods.services());
                RawClient client = new RawClient(server.address(), framing)) {
            client.writeFrame(c.request());
            client.writeFrame(SENTINEL);
            assertAnswers(c, client::readFrame);
        }
    }

    @Test
    void notificationsOfTheSpecificationReachTheirHandlers() throws Exception {
        SpecMethods methods = new SpecMethods();
        try (SocketPeerServer server = new SocketPeerServer(Framings.newline(), Limits.defaults(), methods.services());
                RawClient client = new RawClient(server.address(), Framings.newline())) {
            SpecVectors.cases().stream()
                    .filter(c -> c.name().startsWith("batch of notifications")
                            || c.name().equals("notification"))
                    .forEach(c -> write(client, c.request()));
            client.writeFrame(SENTINEL);
            assertThat(client.readFrame()).contains("sentinel");
            // Notifications run on their own queue, so they may finish after the sentinel's answer.
            org.awaitility.Awaitility.await()
                    .untilAsserted(() -> assertThat(methods.notified)
                            .containsExactlyInAnyOrder("notify_sum", "notify_hello", "update"));
        }
    }

    private static void write(RawClient client, String frame) {
        try {
            client.writeFrame(frame);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    interface FrameSource {
        String next() throws Exception;
    }

    /**
     * Reads the expected answer (if any) and the sentinel's, in whatever order they come (requests
     * run concurrently). Nothing else may come back.
     */
    private static void assertAnswers(SpecVectors.Case c, FrameSource source) throws Exception {
        int expectedFrames = c.response() == null ? 1 : 2;
        List<JsonNode> others = new ArrayList<>();
        int sentinels = 0;
        for (int i = 0; i < expectedFrames; i++) {
            String frame = source.next();
            assertThat(frame).as("an answer while serving %s", c.name()).isNotNull();
            JsonNode answer = SpecVectors.MAPPER.readTree(frame);
            if (answer.isObject() && "sentinel".equals(answer.path("id").asText(null))) {
                assertThat(answer.path("result")).hasToString("[\"hello\",5]");
                sentinels++;
            } else {
                others.add(answer);
            }
        }
        assertThat(sentinels)
                .as("the sentinel's answer while serving %s", c.name())
                .isEqualTo(1);
        if (c.response() == null) {
            assertThat(others).as("nothing comes back for %s", c.name()).isEmpty();
            return;
        }
        assertThat(SpecVectors.matches(c.response(), others.get(0), c.unordered()))
                .as("answer to %s: expected %s, got %s", c.name(), c.response(), others.get(0))
                .isTrue();
    }

    private static ConnectionHandler collector(BlockingQueue<String> answers) {
        return new ConnectionHandler() {
            @Override
            public void onFrame(byte[] frame) {
                answers.add(new String(frame, StandardCharsets.UTF_8));
            }

            @Override
            public void onFrameError(FramingException error) {
                answers.add("frame error: " + error.getMessage());
            }

            @Override
            public void onClose(Throwable cause) {}
        };
    }
}
