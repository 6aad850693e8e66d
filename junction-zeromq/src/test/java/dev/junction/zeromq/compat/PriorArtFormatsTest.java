package dev.junction.zeromq.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import dev.junction.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The prior art's wire formats, byte for byte, against raw ZeroMQ sockets that send and check
 * exactly what jsonrpc2-zeromq and pyzmqrpc put on the wire.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PriorArtFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Now and then a fresh Junction REQ's first message does not reach a REP on this loaded machine
     * (rare, not yet explained): the lazy pirate re-creates the socket and resends.
     */
    private static final String LAZY_PIRATE = "requestTimeout=3000&retries=2";

    private final ZContext raw = new ZContext(1);

    @AfterEach
    void close() {
        raw.close();
    }

    private ZMQ.Socket rawReq(RpcServer server) {
        ZMQ.Socket s = raw.createSocket(SocketType.REQ);
        s.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
        s.setReceiveTimeOut(5_000);
        s.setReqRelaxed(true); // may send again when an answer is late (see exchange)
        s.setReqCorrelate(true);
        s.connect("tcp://127.0.0.1:" + server.endpoints().get(0).port());
        return s;
    }

    /**
     * Sends {@code text} and returns the answer. Now and then the first exchange of a fresh socket
     * with a Junction server goes unanswered on this loaded machine (rare, not yet explained): the
     * request is sent once more then, as a lazy-pirate client would.
     */
    private static String exchange(ZMQ.Socket req, String text) {
        byte[] answer = null;
        for (int attempt = 0; attempt < 3 && answer == null; attempt++) {
            req.send(text.getBytes(StandardCharsets.UTF_8));
            answer = req.recv();
        }
        assertThat(answer).as("answer to " + text).isNotNull();
        return new String(answer, StandardCharsets.UTF_8);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
    }

    // ---- jsonrpc2-zeromq ----

    @Test
    void theCodecIsFoundByNameAndWritesTheLibrarysHabits() {
        assertThat(Codecs.forName("jsonrpc2-zeromq", Limits.defaults())).isInstanceOf(JsonRpc2ZeroMqCodec.class);
        assertThat(Codecs.names()).contains("jsonrpc2-zeromq");
    }

    @Test
    void aJsonRpc2ZeroMqServerAnswersAsThePythonLibraryExpects() {
        try (RpcServer server = JsonRpc2ZeroMqCodec.habits(Junction.server())
                .method("return_null", (ctx, params) -> null)
                .method("echo", String.class, s -> s)
                .listen("zmq-rep://127.0.0.1:0?codec=jsonrpc2-zeromq")
                .start()) {
            ZMQ.Socket req = rawReq(server);
            String id = "6f1c5e0a-2a0e-4c59-9d65-6e1f1b8a5c11";
            assertThat(exchange(
                            req,
                            "{\"jsonrpc\": \"2.0\", \"method\": \"Return-Null\", \"params\": {}, \"id\": \"" + id
                                    + "\"}"))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":\"" + id + "\"}");
            assertThat(exchange(
                            req,
                            "{\"jsonrpc\": \"2.0\", \"method\": \"echo\", \"params\": [\"hi\"], \"id\": \"" + id
                                    + "\"}"))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":\"" + id + "\"}");
            assertThat(exchange(
                            req,
                            "{\"jsonrpc\": \"2.0\", \"method\": \"nope\", \"params\": {}, \"id\": \"" + id + "\"}"))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-32601,\"message\":"
                            + "\"Method not found: nope\",\"data\":null},\"id\":\"" + id + "\"}");
            // what the library's own server answers leniently is read leniently
            assertThat(exchange(req, "{\"jsonrpc\": \"2.0\", \"method\": \"echo\", \"params\": null, \"id\": 7}"))
                    .contains("\"code\":-32602");
            assertThat(exchange(req, "not json")).contains("\"code\":-32700").contains("\"result\":null");
        }
    }

    @Test
    void aJsonRpc2ZeroMqClientSendsUuidIdsAndParamsAlways() throws Exception {
        ZMQ.Socket rep = raw.createSocket(SocketType.REP);
        rep.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
        int port = rep.bindToRandomPort("tcp://127.0.0.1");
        rep.setReceiveTimeOut(10_000);
        try (RpcClient client = JsonRpc2ZeroMqCodec.habits(Junction.client())
                .connect("zmq-req://127.0.0.1:" + port + "?codec=jsonrpc2-zeromq&hello=false&" + LAZY_PIRATE)) {
            CompletableFuture<String> answer = client.callAsync("ping", String.class);
            JsonNode call = JSON.readTree(rep.recv());
            assertThat(call.fieldNames()).toIterable().containsExactly("jsonrpc", "method", "params", "id");
            assertThat(call.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(call.get("params").toString()).isEqualTo("{}");
            // the library's error answer: result null beside the error, data null
            rep.send(
                    "{\"jsonrpc\": \"2.0\", \"result\": null, \"error\": {\"code\": -32601, \"message\": \"Method not found\", \"data\": null}, \"id\": \""
                            + call.get("id").asText() + "\"}");
            assertThatThrownBy(answer::join).hasCauseInstanceOf(RpcException.class);
            assertThat(((RpcException) answer.handle((v, e) -> unwrap(e)).join()).code())
                    .isEqualTo(-32601);

            CompletableFuture<String> second = client.callAsync("ping", String.class);
            JsonNode call2 = JSON.readTree(rep.recv());
            assertThat(call2.get("id").asText()).isNotEqualTo(call.get("id").asText());
            rep.send("{\"jsonrpc\": \"2.0\", \"result\": \"pong\", \"id\": \""
                    + call2.get("id").asText() + "\"}");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
        }
    }

    // ---- pyzmqrpc ----

    private static RpcServer pyzmqrpcServer(String scheme) {
        return Junction.server()
                .method(
                        "add",
                        (ctx, params) ->
                                params.get("a").asInt() + params.get("b").asInt())
                .method("nothing", (ctx, params) -> null)
                .method("fail", (ctx, params) -> {
                    throw new RpcException(-32000, "out of cheese");
                })
                .listen(scheme + "://127.0.0.1:0?format=pyzmqrpc")
                .start();
    }

    @Test
    void aPyZmqRpcServerAnswersWithTheStatusCodes() {
        for (String scheme : new String[] {"zmq-rep", "zmq-router"}) {
            try (RpcServer server = pyzmqrpcServer(scheme)) {
                ZMQ.Socket req = rawReq(server);
                assertThat(exchange(req, "{\"function\": \"add\", \"parameters\": {\"a\": 1, \"b\": 2}}"))
                        .isEqualTo("{\"status_code\":200,\"status_message\":\"OK\",\"response_message\":3}");
                assertThat(exchange(req, "{\"function\": \"nothing\", \"parameters\": {}}"))
                        .isEqualTo("{\"status_code\":200,\"status_message\":\"OK\"}");
                assertThat(exchange(req, "{\"function\": \"nothing\"}"))
                        .isEqualTo("{\"status_code\":200,\"status_message\":\"OK\"}");
                assertThat(exchange(req, "{\"function\": \"add\", \"parame"))
                        .isEqualTo("{\"status_code\":400,\"status_message\":\"Incorrectly marshalled command."
                                + " Incoming message is no proper json formatted string.\"}");
                assertThat(exchange(req, "{\"parameters\": {}}"))
                        .isEqualTo("{\"status_code\":450,\"status_message\":\"No function name given in the call.\"}");
                assertThat(exchange(req, "[1, 2]"))
                        .isEqualTo("{\"status_code\":450,\"status_message\":\"No function name given in the call.\"}");
                assertThat(exchange(req, "{\"function\": \"missing\", \"parameters\": {}}"))
                        .isEqualTo("{\"status_code\":451,\"status_message\":\"Method not found: missing\"}");
                assertThat(exchange(req, "{\"function\": \"fail\", \"parameters\": {}}"))
                        .isEqualTo("{\"status_code\":463,\"status_message\":\"out of cheese\"}");
                assertThat(exchange(req, "{\"function\": \"add\", \"parameters\": {\"a\": 1}}"))
                        .startsWith("{\"status_code\":463,");
                assertThat(exchange(req, PyZmqRpcFormat.HEARTBEAT)).isEmpty();
                req.close();
            }
        }
    }

    @Test
    void aPyZmqRpcClientSendsTheFormatAndMapsTheStatusCodesBack() {
        ZMQ.Socket rep = raw.createSocket(SocketType.REP);
        rep.setHandshakeIvl(1000); // JeroMQ's connect race (jeromq#1022): redo a stalled handshake soon
        int port = rep.bindToRandomPort("tcp://127.0.0.1");
        rep.setReceiveTimeOut(10_000);
        try (RpcClient client = Junction.client()
                .connect("zmq-req://127.0.0.1:" + port + "?format=pyzmqrpc&hello=false&" + LAZY_PIRATE)) {
            String[][] cases = {
                {"{\"status_code\": 200, \"status_message\": \"OK\", \"response_message\": 3}", "3"},
                {"{\"status_code\": 200, \"status_message\": \"OK\"}", "null"},
                {"{\"status_code\": 400, \"status_message\": \"bad json\"}", "-32700 bad json"},
                {"{\"status_code\": 450, \"status_message\": \"no name\"}", "-32600 no name"},
                {"{\"status_code\": 451, \"status_message\": \"No service\"}", "-32601 No service"},
                {"{\"status_code\": 463, \"status_message\": \"raised\"}", "-32603 raised"},
                {"{\"status_code\": 482, \"status_message\": \"proxy\"}", "-32000 proxy"},
                {"garbage", "-32700 Not a pyzmqrpc answer (no status_code): garbage"},
            };
            for (String[] c : cases) {
                CompletableFuture<JsonNode> answer =
                        client.callAsync("add", JsonNode.class, Params.named(Map.of("a", 1)));
                assertThat(new String(rep.recv(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"function\":\"add\",\"parameters\":{\"a\":1}}");
                rep.send(c[0]);
                String outcome = answer.handle((v, e) -> v != null
                                ? v.toString()
                                : unwrap(e) instanceof RpcException
                                        ? ((RpcException) unwrap(e)).code() + " "
                                                + ((RpcException) unwrap(e)).errorMessage()
                                        : e.toString())
                        .join();
                assertThat(outcome).as(c[0]).isEqualTo(c[1]);
            }
            assertThatThrownBy(() -> client.call("add", int.class, 1, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("named parameters only");
            CompletableFuture<Integer> none = client.callAsync("ping", Integer.class);
            assertThat(new String(rep.recv(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"function\":\"ping\",\"parameters\":{}}");
            rep.send("{\"status_code\": 463, \"status_message\": \"x\"}");
            assertThat(none.handle((v, e) -> ((RpcException) unwrap(e)).data().toString())
                            .join())
                    .isEqualTo("{\"status_code\":463}");
        }
    }

    @Test
    void aJunctionPyZmqRpcClientTalksToAJunctionPyZmqRpcServer() {
        try (RpcServer server = pyzmqrpcServer("zmq-rep");
                RpcClient client = Junction.client()
                        .connect("zmq-req://127.0.0.1:"
                                + server.endpoints().get(0).port() + "?format=pyzmqrpc")) {
            assertThat(client.call("add", int.class, Params.named(Map.of("a", 20, "b", 22))))
                    .isEqualTo(42);
            assertThatThrownBy(() -> client.call("missing", int.class, Params.named(Map.of())))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("Method not found: missing");
        }
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThatThrownBy(() -> Junction.server()
                        .listen("zmq-rep://127.0.0.1:0?format=xml")
                        .start())
                .hasMessageContaining("Unknown wire format 'xml' (choose jsonrpc or pyzmqrpc)");
    }
}
