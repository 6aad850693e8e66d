package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** http://: the JDK's HttpClient as a raw peer, and Junction's client against auth. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RpcServer server(Junction.ServerBuilder builder, String uri) {
        RpcServer server = builder.method(
                        "add", (ctx, p) -> p.get(0).asInt() + p.get(1).asInt())
                .method("note", (ctx, p) -> notes.add(p.get(0).asText()))
                .method(
                        "whoami",
                        (ctx, p) -> ctx.principal().map(x -> x.getName()).orElse(""))
                .listen(uri)
                .start();
        toClose.add(server);
        return server;
    }

    private RpcServer server(String uri) {
        return server(Junction.server(), uri);
    }

    private static String url(RpcServer server, String path) {
        return "http://127.0.0.1:" + server.endpoints().get(0).port() + path;
    }

    private HttpResponse<String> post(String url, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postOneCallGetsItsAnswer() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc");
        HttpResponse<String> res = post(
                url(server, "/rpc"),
                "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":9007199254740993}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode answer = JSON.readTree(res.body());
        assertThat(answer.get("result").asInt()).isEqualTo(5);
        assertThat(answer.get("id").asLong()).isEqualTo(9007199254740993L);
    }

    @Test
    void postBatchGetsTheArrayOfAnswers() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc");
        HttpResponse<String> res = post(
                url(server, "/rpc"),
                "application/json; charset=utf-8",
                "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"b\"]},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,2],\"id\":2}]");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode answers = JSON.readTree(res.body());
        assertThat(answers).hasSize(2);
        Awaiting.until(() -> notes.contains("b"));
    }

    @Test
    void notificationGets204WithoutBody() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc");
        HttpResponse<String> res = post(
                url(server, "/rpc"),
                "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"a\"]}");
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.body()).isEmpty();
        Awaiting.until(() -> notes.contains("a"));
    }

    @Test
    void getIs405AndTextPlainIs415WithJsonRpcErrorBodies() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc");
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(url(server, "/rpc"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST, OPTIONS");
        assertThat(JSON.readTree(get.body()).get("error").get("code").asInt()).isEqualTo(-32600);

        HttpResponse<String> text = post(url(server, "/rpc"), "text/plain", "{}");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(text.body()).get("error").get("code").asInt()).isEqualTo(-32600);

        HttpResponse<String> elsewhere = post(url(server, "/other"), "application/json", "{}");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void corsPreflightIsAnsweredAndAnswersCarryTheOrigin() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc?cors=https://app.example");
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(url(server, "/rpc")))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://app.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .hasValue("https://app.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods"))
                .hasValue("POST, OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                .hasValue("content-type");

        HttpResponse<String> call = post(
                url(server, "/rpc"),
                "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}",
                "Origin",
                "https://app.example");
        assertThat(call.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");

        HttpResponse<String> other = post(
                url(server, "/rpc"),
                "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}",
                "Origin",
                "https://evil.example");
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void authenticatorRefusesWith401AndAcceptsBasicCredentials() throws Exception {
        RpcServer server = server(
                Junction.server().transportOption(NettyOptions.AUTHENTICATOR, Authenticator.basic(Map.of("ada", "pw"))),
                "http://127.0.0.1:0/rpc");
        String call = "{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":1}";
        HttpResponse<String> refused = post(url(server, "/rpc"), "application/json", call);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"junction\"");

        String credentials = Base64.getEncoder().encodeToString("ada:pw".getBytes());
        HttpResponse<String> ok =
                post(url(server, "/rpc"), "application/json", call, "Authorization", "Basic " + credentials);
        assertThat(JSON.readTree(ok.body()).get("result").asText()).isEqualTo("ada");

        RpcClient junction = Junction.client().connect(url(server, "/rpc") + "?user=ada&password=pw");
        toClose.add(0, junction);
        assertThat(junction.call("whoami", String.class)).isEqualTo("ada");

        RpcClient anonymous = Junction.client().connect(url(server, "/rpc"));
        toClose.add(0, anonymous);
        assertThatThrownBy(() -> anonymous.call("whoami", String.class))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("401 Unauthorized");
    }

    @Test
    void keepAliveConnectionServesManyCallsAndBatchesGoInOnePost() throws Exception {
        RpcServer server = server("http://127.0.0.1:0/rpc");
        RpcClient client =
                Junction.client().transportOption(NettyOptions.POOL_SIZE, 1).connect(url(server, "/rpc"));
        toClose.add(0, client);
        for (int i = 0; i < 20; i++) {
            assertThat(client.call("add", int.class, i, 1)).isEqualTo(i + 1);
        }
        var batch = client.batch();
        var first = batch.call("add", Integer.class, 1, 2);
        var second = batch.call("add", Integer.class, 3, 4);
        batch.notify("note", "n").send();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(7);
        Awaiting.until(() -> notes.contains("n"));
    }
}
