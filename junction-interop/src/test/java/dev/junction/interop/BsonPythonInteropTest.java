package dev.junction.interop;

import java.util.ArrayList;
import java.util.List;

/** Interop with Debian's python3-bson (pymongo's bson module, 3.11) through {@code peers/bson_peer.py}. */
class BsonPythonInteropTest extends BsonPeerInteropContract {
    @Override
    String peerName() {
        return "python";
    }

    @Override
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(
                List.of(Peers.PYTHON, Peers.script("bson_peer.py").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    void requirePeer() {
        Peers.requirePython();
    }
}
