package dev.junction.interop;

import static dev.junction.interop.WebSocketPythonClientsInteropTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real browser: Debian's headless chromium, driven by npm playwright-core ({@code
 * peers/browser_driver.js}), loads a page ({@code src/test/resources/browser/rpc_page.html},
 * served by the JDK's HTTP server on port 0) whose script speaks JSON-RPC over the browser's own
 * {@code WebSocket} to a Junction ws:// server that allows only the page's origin ({@code cors=}).
 * The page calls the server (positional, one object as named params, an unknown method, a
 * batch), receives the notifications the server pushes, and answers the call the server makes on
 * it ({@code page.confirm}); the driver prints what the page shows, and the server checks that
 * the page's answer and notification arrived.
 */
class BrowserInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void pageCallsJunctionOverWebSocketAndAnswersItsCall() throws Exception {
        WebPeers.requireChromium();
        WebPeers.requireNode("playwright-core@1.65.1");
        HttpServer pages = servePage();
        try {
            String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
            try (WebInteropServer server = new WebInteropServer("ws://127.0.0.1:0/rpc?cors=" + origin);
                    PeerProcess driver = PeerProcess.start(
                            "chromium (playwright-core)",
                            Peers.moduleDir(),
                            List.of(
                                    "node",
                                    Peers.script("browser_driver.js").toString(),
                                    origin + "/rpc_page.html?ws=ws://127.0.0.1:" + server.port() + "/rpc"))) {
                List<JsonNode> out = driver.awaitSuccess(TIMEOUT);
                String context = driver.describe();
                assertThat(out).as("one line from the driver%s", context).hasSize(1);
                JsonNode shown = out.get(0);

                assertThat(shown.get("status").asText())
                        .as("the page's status%s", context)
                        .isEqualTo("done");
                assertThat(shown.get("pageErrors")).as("page errors%s", context).isEmpty();
                assertThat(shown.get("results"))
                        .as("what the page shows%s", context)
                        .isEqualTo(json("""
                                {"subtract": ["19"],
                                 "greet": ["Hello Ada (36)"],
                                 "unknown": ["-32601 Method not found: no.such.method"],
                                 "batch": ["b1=5,b2=pong"],
                                 "news": ["weather 1", "weather 2", "weather 3"],
                                 "subscribe": ["subscribed to weather"],
                                 "confirmQuestion": ["Proceed?"],
                                 "askClient": ["client said: confirmed: Proceed?"]}"""));

                assertThat(server.nextConfirmation())
                        .as("the page's answer to page.confirm, on the server%s", context)
                        .isEqualTo("confirmed: Proceed?");
                assertThat(server.nextNote())
                        .as("the page's notification, on the server%s", context)
                        .isEqualTo("page loaded");
            }
        } finally {
            pages.stop(0);
        }
    }

    /** The JDK's HTTP server on a loopback port 0, serving the page (and 404 for anything else). */
    private static HttpServer servePage() throws IOException {
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/rpc_page.html")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] page;
                try (InputStream in = BrowserInteropTest.class.getResourceAsStream("/browser/rpc_page.html")) {
                    page = in.readAllBytes();
                }
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
            }
        });
        pages.start();
        return pages;
    }
}
