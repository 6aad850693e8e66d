package dev.junction.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code peers/zmq_peer.py} (Debian's python3-zmq: pyzmq 24, libzmq 4.3.4) for the ZeroMQ
 * interop tests. A missing python3-zmq fails the test with what to install, unless {@code
 * -Djunction.interop.skip=true}.
 */
final class ZmqReqRepPeerScript {
    static final Duration WAIT = Duration.ofSeconds(30);

    private ZmqReqRepPeerScript() {}

    /** Fails (or skips, with the property) unless Debian's python3 imports zmq. */
    static void requirePyzmq() {
        String out = Peers.run(List.of(Peers.PYTHON, "-c", "import zmq, zmq.auth.thread, sys; sys.stdout.write('ok')"));
        if (!out.startsWith("ok")) {
            String what = "Debian's python3-zmq is not installed: " + Peers.PYTHON + " cannot import zmq ("
                    + out.strip() + ")";
            Peers.missing(what);
        }
    }

    /** Starts the script in {@code mode} with {@code key=value} arguments. */
    static PeerProcess start(String mode, String... args) {
        List<String> command = new ArrayList<>(
                List.of(Peers.PYTHON, "-u", Peers.script("zmq_peer.py").toString(), mode));
        command.addAll(List.of(args));
        return PeerProcess.start("zmq_peer.py " + mode, Peers.moduleDir(), command);
    }

    /** Starts a server mode and returns it with the port it printed first. */
    static PeerProcess startServer(String mode, int[] port, String... args) {
        PeerProcess p = start(mode, args);
        JsonNode first = p.nextLine(WAIT);
        port[0] = first.get("port").asInt();
        return p;
    }

    /** Lines of a finished peer, without its final {"event": "done"} and a server's port line. */
    static List<JsonNode> finish(PeerProcess p) {
        List<JsonNode> lines = new ArrayList<>(p.awaitSuccess(WAIT));
        if (lines.isEmpty()
                || !"done".equals(lines.get(lines.size() - 1).path("event").asText())) {
            throw new AssertionError("the peer did not finish: " + lines + p.describe());
        }
        lines.remove(lines.size() - 1);
        lines.removeIf(l -> l.has("port")); // a server's first line, read by startServer
        return lines;
    }

    /** A JSON array argument of strings. */
    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
