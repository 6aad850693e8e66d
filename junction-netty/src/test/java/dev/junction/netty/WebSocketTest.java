package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.junction.ConnectionClosedException;
import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import dev.junction.codec.JacksonCodec;
import dev.junction.service.JsonRpcMethod;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ws://: what WebSocket adds over a stream: messages, close codes, pings, paths, raw peers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public record Person(String name, int age) {}

    /** What the raw peers call. */
    public class Api {
        @JsonRpcMethod
        public String ping() {
            return "pong";
        }

        @JsonRpcMethod
        public String greet(Person p) {
            return "Hello " + p.name() + " (" + p.age() + ")";
        }

        @JsonRpcMethod("wait")
        public String waitForRelease() throws InterruptedException {
            return release.await(5, TimeUnit.SECONDS) ? "released" : "timed out";
        }

        @JsonRpcMethod
        public String release() {
            release.countDown();
            return "ok";
        }

        @JsonRpcMethod
        public int length(String s) {
            return s.length();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(String uri) {
        return server(Junction.server(), uri);
    }

    private RpcServer server(Junction.ServerBuilder builder, String uri) {
        RpcServer server = builder.service(new Api())
                .method(
                        "headers",
                        (ctx, params) ->
                                ctx.attributes().get(NettyOptions.HANDSHAKE).headers())
                .method(
                        "whoami",
                        (ctx, params) -> ctx.principal().map(p -> p.getName()).orElse(""))
                .method(
                        "subprotocol",
                        (ctx, params) -> String.valueOf(
                                ctx.attributes().get(NettyOptions.WEB_SOCKET).subprotocol()))
                .method("kick", (ctx, params) -> {
                    ctx.attributes().get(NettyOptions.WEB_SOCKET).close(1001, "going away");
                    return new CompletableFuture<String>(); // never answered
                })
                .listen(uri)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcClient connect(String uri) {
        return connect(Junction.client(), uri);
    }

    private RpcClient connect(Junction.ClientBuilder builder, String uri) {
        RpcClient client = builder.connect(uri);
        toClose.add(0, client);
        return client;
    }

    private static String uri(RpcServer server, String scheme, String pathAndQuery) {
        return scheme + "://127.0.0.1:" + server.endpoints().get(0).port() + pathAndQuery;
    }

    private RawWebSocket raw(String uri, String... subprotocols) {
        RawWebSocket raw = new RawWebSocket(uri, subprotocols);
        toClose.add(0, raw);
        return raw;
    }

    @Test
    void rawJdkClientGetsOutOfOrderAnswersToLargeIdsEmptyParamsAndObjectArgument() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc");
        RawWebSocket ws = raw(uri(server, "ws", "/rpc"));
        long waitId = ThreadLocalRandom.current().nextLong(1L << 53, Long.MAX_VALUE);
        long releaseId = ThreadLocalRandom.current().nextLong(1L << 53, Long.MAX_VALUE);

        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"wait\",\"params\":{},\"id\":" + waitId + "}");
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"release\",\"params\":{},\"id\":" + releaseId + "}");

        // "wait" was sent first and could only finish after "release" ran: each answer carries its
        // own 63-bit id (they may arrive in either order once release has run).
        java.util.Map<Long, String> answers = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonNode answer = JSON.readTree(ws.next());
            assertThat(answer.get("id").isIntegralNumber()).isTrue();
            answers.put(answer.get("id").asLong(), answer.get("result").asText());
        }
        assertThat(answers).containsEntry(releaseId, "ok").containsEntry(waitId, "released");

        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{},\"id\":1}");
        assertThat(JSON.readTree(ws.next()).get("result").asText()).isEqualTo("pong");
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"greet\",\"params\":{\"name\":\"Ada\",\"age\":36},\"id\":2}");
        assertThat(JSON.readTree(ws.next()).get("result").asText()).isEqualTo("Hello Ada (36)");
        ws.send(
                "[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":3},{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":4}]");
        JsonNode batch = JSON.readTree(ws.next());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(2);
    }

    @Test
    void fragmentedMessageIsReassembled() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/");
        RawWebSocket ws = raw(uri(server, "ws", "/"));
        String big = "x".repeat(100_000);
        String message = "{\"jsonrpc\":\"2.0\",\"method\":\"length\",\"params\":[\"" + big + "\"],\"id\":7}";
        int third = message.length() / 3;
        ws.ws.sendText(message.substring(0, third), false).join();
        ws.ws.sendText(message.substring(third, 2 * third), false).join();
        ws.ws.sendText(message.substring(2 * third), true).join();

        JsonNode answer = JSON.readTree(ws.next());
        assertThat(answer.get("result").asInt()).isEqualTo(100_000);
    }

    @Test
    void oversizeMessageIsRefusedWith1009AndTheConnectionClosed() throws Exception {
        RpcServer server = server(
                Junction.server().limits(Limits.builder().maxFrameBytes(1024).build()), "ws://127.0.0.1:0/");
        RawWebSocket ws = raw(uri(server, "ws", "/"));
        ws.ws.sendText(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"length\",\"params\":[\"" + "y".repeat(600) + "\"],\"id\":1}",
                        false)
                .join();
        ws.ws.sendText("\"" + "z".repeat(600) + "\"", true).join();

        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).startsWith("1009");
        Awaiting.until(() -> server.peers().isEmpty());
    }

    @Test
    void peerThatNeverAnswersPingsIsClosed() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc?pingInterval=100ms&pingTimeout=200ms");
        try (Socket socket = new Socket("127.0.0.1", server.endpoints().get(0).port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Awaiting.until(() -> server.peers().size() == 1);
            // A dead peer: it reads (so its buffers never fill) but never answers the pings.
            long start = System.nanoTime();
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // drain: the 101, pings, the close frame
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
        Awaiting.until(() -> server.peers().isEmpty());
    }

    @Test
    void serverCloseCodeAndReasonReachTheClientAsTheCloseCause() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc");
        RpcClient client = connect(uri(server, "ws", "/rpc"));

        CompletableFuture<String> call = client.callAsync("kick", String.class);

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectionClosedException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketClosedException.class, e -> {
                    assertThat(e.code()).isEqualTo(1001);
                    assertThat(e.reason()).isEqualTo("going away");
                    assertThat(e).hasMessage("closed by peer: 1001 going away");
                });
        Awaiting.until(() -> !client.isOpen());
    }

    @Test
    void rawClientSeesTheServersCloseCode() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc");
        RawWebSocket ws = raw(uri(server, "ws", "/rpc"));
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"kick\",\"id\":1}");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 going away");
    }

    @Test
    void wrongPathFailsTheHandshakeWithTheHttpStatus() {
        RpcServer server = server("ws://127.0.0.1:0/rpc");
        assertThatThrownBy(() -> connect(uri(server, "ws", "/other")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("404")
                .satisfies(e -> assertThat(e.getCause()).isNotNull());
    }

    @Test
    void handshakeCarriesJsonHeadersAndExtraHeadersAndOffersCompression() {
        RpcServer server = server("ws://127.0.0.1:0/rpc");
        RpcClient client = connect(
                Junction.client().transportOption(NettyOptions.HEADERS, Map.of("X-Trace", "abc")),
                uri(server, "ws", "/rpc?header.X-Tenant=t1"));

        Map<?, ?> headers = client.call("headers", Map.class);

        assertThat(headers.get("content-type")).isEqualTo(List.of("application/json"));
        assertThat(headers.get("accept")).isEqualTo(List.of("application/json"));
        assertThat(headers.get("x-trace")).isEqualTo(List.of("abc"));
        assertThat(headers.get("x-tenant")).isEqualTo(List.of("t1"));
        assertThat(headers.get("sec-websocket-extensions").toString()).contains("permessage-deflate");
    }

    @Test
    void subprotocolIsAgreed() throws Exception {
        RpcServer server = server("ws://127.0.0.1:0/rpc?subprotocol=jsonrpc,other");
        RpcClient client = connect(uri(server, "ws", "/rpc?subprotocol=jsonrpc"));
        assertThat(client.call("subprotocol", String.class)).isEqualTo("jsonrpc");
        RawWebSocket ws = raw(uri(server, "ws", "/rpc"), "other");
        assertThat(ws.ws.getSubprotocol()).isEqualTo("other");
    }

    @Test
    void binaryCodecTravelsInBinaryFramesBothWays() {
        RpcServer server = server(
                Junction.server()
                        .codec(JacksonCodec.builder("cbor", new CBORFactory()).build()),
                "ws://127.0.0.1:0/rpc");
        RpcClient client = connect(
                Junction.client()
                        .codec(JacksonCodec.builder("cbor", new CBORFactory()).build())
                        .method("client.hello", String.class, s -> "hi " + s),
                uri(server, "ws", "/rpc"));
        assertThat(client.call("greet", String.class, Map.of("name", "Bo", "age", 3)))
                .isEqualTo("Hello Bo (3)");
        assertThat(client.call("headers", Map.class).get("content-type")).isEqualTo(List.of("application/cbor"));
    }

    @Test
    void serverCallsAMethodTheClientRegisteredInANamespace() {
        RpcServer server = server(
                Junction.server()
                        .method("askClient", (ctx, params) -> ctx.peer().call("app.client.title", String.class, "Ada")),
                "ws://127.0.0.1:0/rpc");
        RpcClient client = connect(
                Junction.client().method("app.client.title", String.class, name -> "Dr " + name),
                uri(server, "ws", "/rpc"));
        assertThat(client.call("askClient", String.class)).isEqualTo("Dr Ada");
    }

    @Test
    void connectWhereNothingListensCarriesTheCause() {
        assertThatThrownBy(() -> connect("ws://127.0.0.1:" + TestPorts.closedPort() + "/rpc"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Cannot connect to ws://127.0.0.1")
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class));
    }
}
