package dev.junction.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the ZeroMQ peers of the PUSH/PULL and PUB/SUB interop tests are installed: pyzmq in
 * Debian's python3, npm zeromq 6.8.0 in node_modules. Missing ones fail the test with what to
 * install, unless {@code -Djunction.interop.skip=true}, which skips it (as {@link Peers} does).
 */
final class ZmqPatternPeers {
    private ZmqPatternPeers() {}

    static void requirePyzmq() {
        String out = run(List.of(Peers.PYTHON, "-c", "import zmq, sys; sys.stdout.write('ok ' + zmq.zmq_version())"));
        if (!out.startsWith("ok")) {
            missing("Debian's python3-zmq is not installed: " + Peers.PYTHON + " cannot import zmq (" + out.strip()
                    + ")");
        }
    }

    static void requireNodeZeromq() {
        Path pkg = Peers.moduleDir().resolve("node_modules/zeromq/package.json");
        try {
            if (!Files.isRegularFile(pkg)
                    || !Files.readString(pkg, StandardCharsets.UTF_8).contains("\"version\": \"6.8.0\"")) {
                missing("npm zeromq 6.8.0 is not installed (" + pkg + ")");
            }
        } catch (IOException e) {
            missing("cannot read " + pkg + ": " + e);
        }
        String version = run(List.of("node", "--version"));
        if (!version.startsWith("v")) {
            missing("node is not on PATH (" + version.strip() + ")");
        }
    }

    private static void missing(String what) {
        if (Boolean.getBoolean("junction.interop.skip")) {
            Assumptions.abort("junction.interop.skip=true: " + what);
        }
        fail(what + ". To install: " + Peers.INSTALL_HINT);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out: " + command;
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot run " + command + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
