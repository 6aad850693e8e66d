package dev.junction.zeromq;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ZapHandler} for CURVE: the client public keys allowed to connect, or any client. An
 * allowed client's principal is its public key in Z85. PLAIN clients are refused. Immutable and
 * thread-safe.
 */
public final class CurveAllowList implements ZapHandler {
    private final Set<String> keys; // null: any client

    private CurveAllowList(Set<String> keys) {
        this.keys = keys;
    }

    /**
     * Allows exactly these public keys (Z85).
     *
     * @throws IllegalArgumentException if one is not a valid key
     */
    public static CurveAllowList of(Collection<String> publicKeys) {
        for (String key : publicKeys) {
            ZeroMqKeys.decode(key, "public key in the allow-list");
        }
        return new CurveAllowList(Set.copyOf(publicKeys));
    }

    /** Reads the keys of an allow-list file ({@link ZeroMqKeys#readAllowList}). */
    public static CurveAllowList read(Path file) {
        return new CurveAllowList(Set.copyOf(ZeroMqKeys.readAllowList(file)));
    }

    /**
     * Allows every client that completes the CURVE handshake (it knows the server's public key):
     * the link is encrypted and each client is known by its key, but anyone may connect.
     */
    public static CurveAllowList anyClient() {
        return new CurveAllowList(null);
    }

    /** True when any client is allowed. */
    public boolean allowsAny() {
        return keys == null;
    }

    @Override
    public Optional<String> authenticate(ZapRequest request) {
        if (!"CURVE".equals(request.mechanism()) || request.clientKey() == null) {
            return Optional.empty();
        }
        return keys == null || keys.contains(request.clientKey()) ? Optional.of(request.clientKey()) : Optional.empty();
    }

    @Override
    public String toString() {
        return keys == null ? "CurveAllowList[any client]" : "CurveAllowList" + keys;
    }
}
