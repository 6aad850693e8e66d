package dev.junction.interop;

import java.util.ArrayList;
import java.util.List;

/** Interop with npm {@code bson} 7.3.4 (js-bson) on Node through {@code peers/bson_peer.mjs}. */
class BsonNodeInteropTest extends BsonPeerInteropContract {
    @Override
    String peerName() {
        return "node";
    }

    @Override
    List<String> command(String... args) {
        List<String> cmd =
                new ArrayList<>(List.of("node", Peers.script("bson_peer.mjs").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    void requirePeer() {
        Peers.requireNode();
    }
}
