package dev.junction.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the ZeroMQ peers of the PUSH/PULL and PUB/SUB interop tests are installed: pyzmq in
 * Debian's python3, npm zeromq 6.8.0 in node_modules. Missing ones fail the test with what to
 * install, unless {@code -Djunction.interop.skip=true}, which skips it (as {@link Peers} does).
 */
final class ZmqPatternPeers {
    private ZmqPatternPeers() {}

    static void requirePyzmq() {
        String out =
                Peers.run(List.of(Peers.PYTHON, "-c", "import zmq, sys; sys.stdout.write('ok ' + zmq.zmq_version())"));
        if (!out.startsWith("ok")) {
            Peers.missing("Debian's python3-zmq is not installed: " + Peers.PYTHON + " cannot import zmq ("
                    + out.strip() + ")");
        }
    }

    static void requireNodeZeromq() {
        Path pkg = Peers.moduleDir().resolve("node_modules/zeromq/package.json");
        try {
            if (!Files.isRegularFile(pkg)
                    || !Files.readString(pkg, StandardCharsets.UTF_8).contains("\"version\": \"6.8.0\"")) {
                Peers.missing("npm zeromq 6.8.0 is not installed (" + pkg + ")");
            }
        } catch (IOException e) {
            Peers.missing("cannot read " + pkg + ": " + e);
        }
        String version = Peers.run(List.of("node", "--version"));
        if (!version.startsWith("v")) {
            Peers.missing("node is not on PATH (" + version.strip() + ")");
        }
    }
}
