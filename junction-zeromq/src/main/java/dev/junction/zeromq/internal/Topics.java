package dev.junction.zeromq.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The PUB/SUB framing: {@code frames=2} (the default) sends {@code [topic, payload]} with the
 * notification's method name as the topic, so SUB sockets filter on method-name prefixes in
 * ZeroMQ itself; {@code frames=1} sends the payload alone (for peers that send or expect only the
 * JSON). A heartbeat is the bare one-frame message {@code zmq_sub_heartbeat} (as the pyzmqrpc
 * prior art sends it); a subscriber also takes a two-frame message whose topic is that word as a
 * heartbeat. Immutable helpers, any thread.
 */
final class Topics {
    static final byte[] HEARTBEAT = "zmq_sub_heartbeat".getBytes(StandardCharsets.US_ASCII);

    private Topics() {}

    /** The {@code frames} option: 1 or 2. */
    static int frames(ZmqSettings settings) {
        int frames = settings.integer("frames", 2);
        if (frames != 1 && frames != 2) {
            throw new IllegalArgumentException("Option frames must be 1 (payload only) or 2 (topic, payload), not "
                    + frames + ": " + settings.endpoint());
        }
        return frames;
    }

    /** The {@code topics} option: comma-separated method-name prefixes; none means every topic. */
    static List<String> prefixes(ZmqSettings settings) {
        List<String> result = new ArrayList<>();
        String topics = settings.string("topics");
        if (topics != null) {
            for (String t : topics.split(",")) {
                if (!t.isBlank()) {
                    result.add(t.trim());
                }
            }
        }
        return result;
    }

    /** True when {@code method} starts with one of {@code prefixes} (or there are none). */
    static boolean matches(List<String> prefixes, String method) {
        if (prefixes.isEmpty()) {
            return true;
        }
        for (String p : prefixes) {
            if (method != null && method.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
