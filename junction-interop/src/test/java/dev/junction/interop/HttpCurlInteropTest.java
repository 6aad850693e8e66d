package dev.junction.interop;

import static dev.junction.interop.WebSocketPythonClientsInteropTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.netty.Authenticator;
import dev.junction.netty.NettyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curl} against Junction's http:// server: POST of one request and of a batch (200 and
 * the answer), a notification (204, no body), GET (405 with {@code Allow}), curl's default form
 * content type (415), Basic authentication (401 with the challenge, 200 with the right
 * credentials), CORS (the preflight's 204 and headers; a refused origin's 403), and HTTP/2 with
 * prior knowledge ({@code --http2-prior-knowledge}: 200, 204, 405 over h2c). Each asserts
 * status, headers and body as curl received them.
 */
class HttpCurlInteropTest {
    private static final String SUBTRACT = "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}";
    private static final String JSON_TYPE = "Content-Type: application/json";

    @TempDir
    Path dir;

    @BeforeEach
    void requireCurl() {
        WebPeers.requireCurl();
    }

    @Test
    void postGetAndContentTypes() throws Exception {
        try (WebInteropServer server = new WebInteropServer("http://127.0.0.1:0/rpc")) {
            String url = "http://127.0.0.1:" + server.port() + "/rpc";

            Reply single = curl("-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(single.status).as("%s", single).isEqualTo(200);
            assertThat(single.httpVersion).isEqualTo("1.1");
            assertThat(single.header("content-type")).isEqualTo("application/json");
            assertThat(single.header("content-length")).isEqualTo(Integer.toString(single.body.length()));
            assertThat(single.body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}");

            Reply batch = curl(
                    "-H",
                    JSON_TYPE,
                    "--data-binary",
                    "[" + SUBTRACT + ",{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"curl\"]},"
                            + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{},\"id\":\"b\"}]",
                    url);
            assertThat(batch.status).as("%s", batch).isEqualTo(200);
            // the answers of a batch may come in any order (JSON-RPC 2.0, section 6)
            assertThat(json(batch.body))
                    .as("%s", batch)
                    .containsExactlyInAnyOrder(
                            json("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}"),
                            json("{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":\"b\"}"));
            assertThat(server.nextNote()).isEqualTo("curl");

            Reply notification = curl(
                    "-H",
                    JSON_TYPE,
                    "--data-binary",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"n\"]}",
                    url);
            assertThat(notification.status).as("%s", notification).isEqualTo(204);
            assertThat(notification.body).isEmpty();
            assertThat(server.nextNote()).isEqualTo("n");

            Reply get = curl(url);
            assertThat(get.status).as("%s", get).isEqualTo(405);
            assertThat(get.header("allow")).isEqualTo("POST, OPTIONS");
            assertThat(get.body)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                            + "\"message\":\"Method not allowed: send JSON-RPC with POST\"},\"id\":null}");

            Reply form = curl("--data-binary", SUBTRACT, url); // curl's default: x-www-form-urlencoded
            assertThat(form.status).as("%s", form).isEqualTo(415);
            assertThat(form.header("content-type")).isEqualTo("application/json");
            assertThat(form.body)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                            + "\"message\":\"Unsupported media type: send application/json\"},\"id\":null}");

            Reply elsewhere = curl("-H", JSON_TYPE, "--data-binary", SUBTRACT, url + "/other");
            assertThat(elsewhere.status).as("%s", elsewhere).isEqualTo(404);
        }
    }

    @Test
    void basicAuthentication() throws Exception {
        try (WebInteropServer server = new WebInteropServer(
                "http://127.0.0.1:0/rpc",
                Map.of(NettyOptions.AUTHENTICATOR, Authenticator.basic(Map.of("ada", "s3cret"))))) {
            String url = "http://127.0.0.1:" + server.port() + "/rpc";

            Reply anonymous = curl("-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(anonymous.status).as("%s", anonymous).isEqualTo(401);
            assertThat(anonymous.header("www-authenticate")).isEqualTo("Basic realm=\"junction\"");

            Reply wrong = curl("-u", "ada:wrong", "-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(wrong.status).as("%s", wrong).isEqualTo(401);

            Reply right = curl("-u", "ada:s3cret", "-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(right.status).as("%s", right).isEqualTo(200);
            assertThat(right.body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}");
        }
    }

    @Test
    void corsPreflightAndOrigins() throws Exception {
        try (WebInteropServer server = new WebInteropServer("http://127.0.0.1:0/rpc?cors=http://app.example")) {
            String url = "http://127.0.0.1:" + server.port() + "/rpc";

            Reply preflight = curl(
                    "-X",
                    "OPTIONS",
                    "-H",
                    "Origin: http://app.example",
                    "-H",
                    "Access-Control-Request-Method: POST",
                    "-H",
                    "Access-Control-Request-Headers: content-type",
                    url);
            assertThat(preflight.status).as("%s", preflight).isEqualTo(204);
            assertThat(preflight.header("access-control-allow-origin")).isEqualTo("http://app.example");
            assertThat(preflight.header("access-control-allow-methods")).isEqualTo("POST, OPTIONS");
            assertThat(preflight.header("access-control-allow-headers")).isEqualTo("content-type");
            assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(preflight.header("access-control-max-age")).isEqualTo("600");
            assertThat(preflight.header("vary")).isEqualTo("origin");
            assertThat(preflight.body).isEmpty();

            Reply post = curl("-H", "Origin: http://app.example", "-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(post.status).as("%s", post).isEqualTo(200);
            assertThat(post.header("access-control-allow-origin")).isEqualTo("http://app.example");
            assertThat(post.body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}");

            Reply other = curl(
                    "-X",
                    "OPTIONS",
                    "-H",
                    "Origin: http://evil.example",
                    "-H",
                    "Access-Control-Request-Method: POST",
                    url);
            assertThat(other.status).as("%s", other).isEqualTo(403);
            assertThat(other.header("access-control-allow-origin")).isNull();
            Reply otherPost =
                    curl("-H", "Origin: http://evil.example", "-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(otherPost.status).as("%s", otherPost).isEqualTo(403);
        }
    }

    @Test
    void http2WithPriorKnowledge() throws Exception {
        try (WebInteropServer server = new WebInteropServer("http://127.0.0.1:0/rpc")) {
            String url = "http://127.0.0.1:" + server.port() + "/rpc";

            Reply single = curl("--http2-prior-knowledge", "-H", JSON_TYPE, "--data-binary", SUBTRACT, url);
            assertThat(single.status).as("%s", single).isEqualTo(200);
            assertThat(single.httpVersion).as("%s", single).isEqualTo("2");
            assertThat(single.header("content-type")).isEqualTo("application/json");
            assertThat(single.body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}");

            Reply notification = curl(
                    "--http2-prior-knowledge",
                    "-H",
                    JSON_TYPE,
                    "--data-binary",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"h2\"]}",
                    url);
            assertThat(notification.status).as("%s", notification).isEqualTo(204);
            assertThat(notification.httpVersion).isEqualTo("2");
            assertThat(notification.body).isEmpty();
            assertThat(server.nextNote()).isEqualTo("h2");

            Reply get = curl("--http2-prior-knowledge", url);
            assertThat(get.status).as("%s", get).isEqualTo(405);
            assertThat(get.header("allow")).isEqualTo("POST, OPTIONS");
        }
    }

    /** What curl received: the status, the headers (names lower-cased; the last of each), the body. */
    record Reply(int status, String httpVersion, Map<String, String> headers, String body, String stderr) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Runs {@code curl -sS} with {@code args} (bounded by 30 s), its headers and body in files. */
    private Reply curl(String... args) throws IOException, InterruptedException {
        Path headers = Files.createTempFile(dir, "headers", ".txt");
        Path body = Files.createTempFile(dir, "body", ".txt");
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "--max-time",
                "20",
                "-D",
                headers.toString(),
                "-o",
                body.toString(),
                "-w",
                "%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("curl did not finish within 30 s: " + command);
            }
            String[] written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip()
                    .split(" ");
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("curl exited with " + p.exitValue() + ": " + stderr + " " + command);
            }
            return new Reply(
                    Integer.parseInt(written[0]),
                    written[1],
                    parseHeaders(Files.readString(headers, StandardCharsets.ISO_8859_1)),
                    Files.readString(body, StandardCharsets.UTF_8),
                    stderr);
        } finally {
            p.destroyForcibly();
        }
    }

    private static Map<String, String> parseHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        return headers;
    }
}
