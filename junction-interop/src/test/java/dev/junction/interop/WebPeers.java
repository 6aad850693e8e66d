package dev.junction.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peers of the WebSocket, HTTP and browser interop tests, and whether they are installed: Debian's
 * python3-websockets and python3-aiohttp, npm jayson / ws / playwright-core, Debian's chromium, curl.
 * A missing peer fails the test with what to install, unless {@code -Djunction.interop.skip=true}
 * (for developers without them), which skips it. Stateless; safe from any thread.
 */
final class WebPeers {
    static final String CHROMIUM = "/usr/bin/chromium";

    private WebPeers() {}

    /** Debian's python3 with websockets 10.x and aiohttp 3.8.x. */
    static void requirePython() {
        String out = Peers.run(List.of(
                Peers.PYTHON,
                "-c",
                "import websockets, aiohttp, sys; sys.stdout.write('ok ' + websockets.__version__ + ' '"
                        + " + aiohttp.__version__)"));
        if (!out.startsWith("ok ")) {
            Peers.missing(Peers.PYTHON + " cannot import websockets and aiohttp (" + out.strip() + ")");
        }
    }

    /** node on PATH, and each npm package at exactly its pinned version in junction-interop/node_modules. */
    static void requireNode(String... packageAtVersion) {
        String version = Peers.run(List.of("node", "--version"));
        if (!version.startsWith("v")) {
            Peers.missing("node is not on PATH (" + version.strip() + ")");
        }
        for (String spec : packageAtVersion) {
            int at = spec.lastIndexOf('@');
            String name = spec.substring(0, at);
            Path pkg = Peers.moduleDir().resolve("node_modules").resolve(name).resolve("package.json");
            try {
                String json = Files.readString(pkg, StandardCharsets.UTF_8);
                if (!json.contains("\"version\": \"" + spec.substring(at + 1) + "\"")) {
                    Peers.missing(
                            "node_modules/" + name + " is not version " + spec.substring(at + 1) + ": rerun npm ci");
                }
            } catch (IOException e) {
                Peers.missing("npm " + name + " is not installed: " + pkg + " is missing");
            }
        }
    }

    /** Debian's chromium, which playwright-core drives. */
    static void requireChromium() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            Peers.missing(CHROMIUM + " not found (Debian's chromium)");
        }
    }

    static void requireCurl() {
        if (!Peers.run(List.of("curl", "--version")).startsWith("curl ")) {
            Peers.missing("curl is not on PATH");
        }
    }
}
