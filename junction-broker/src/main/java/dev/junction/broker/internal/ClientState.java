package dev.junction.broker.internal;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One client of the frontend, by routing identity. Loop thread only. */
final class ClientState {
    final ByteBuffer key;
    final byte[] identity;
    /** The frames before the payload of its last message: sent back in front of every reply. */
    List<byte[]> envelope;
    /** The workers that have had a message of this client: told GONE when it leaves. */
    final Set<ByteBuffer> workers = new HashSet<>();

    ClientState(byte[] identity, List<byte[]> envelope) {
        this.identity = identity;
        this.key = ByteBuffer.wrap(identity);
        this.envelope = envelope;
    }

    /** A REQ socket (its envelope ends with the empty delimiter): one reply per message, no calls. */
    boolean lockStep() {
        return lockStep(envelope);
    }

    static boolean lockStep(List<byte[]> envelope) {
        return envelope.size() > 1 && envelope.get(envelope.size() - 1).length == 0;
    }
}
