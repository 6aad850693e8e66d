package dev.junction.netty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Decides who a client is, from the HTTP request that opens its WebSocket or carries its HTTP call
 * (headers, remote address, TLS session). Set on a server with {@code
 * transportOption(NettyOptions.AUTHENTICATOR, authenticator)}; applies to {@code ws://}, {@code
 * wss://}, {@code http://} and {@code https://} listeners. The principal returned is the
 * connection's {@code principal()}, which handlers see as {@code RpcContext.principal()}; a refusal
 * answers {@code 401 Unauthorized}.
 *
 * <p>Called on a Netty event loop thread, once per WebSocket and once per HTTP request: it must be
 * quick and must not block (no remote look-ups). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * Returns the client's principal, or null to let it in anonymously.
     *
     * @throws AuthenticationException to refuse it with 401
     */
    Principal authenticate(HandshakeInfo request) throws AuthenticationException;

    /** HTTP Basic against a fixed table of user → password (compared in constant time). */
    static Authenticator basic(Map<String, String> passwords) {
        Map<String, String> table = Map.copyOf(passwords);
        return basic((user, password) -> {
            String expected = table.get(user);
            return expected != null
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * HTTP Basic with a check function (user, password) → accepted; the principal is a {@link
     * UserPrincipal} named after the user.
     */
    static Authenticator basic(BiPredicate<String, String> check) {
        Objects.requireNonNull(check, "check");
        return request -> {
            String credentials = credentials(request, "Basic", "Basic realm=\"junction\"");
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException("Malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new AuthenticationException("Malformed Basic credentials");
            }
            String user = decoded.substring(0, colon);
            if (!check.test(user, decoded.substring(colon + 1))) {
                throw new AuthenticationException("Wrong user or password for '" + user + "'");
            }
            return new UserPrincipal(user);
        };
    }

    /**
     * HTTP Bearer tokens: {@code tokens} maps a token to its principal, or to null when it is not
     * valid.
     */
    static Authenticator bearer(Function<String, ? extends Principal> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        return request -> {
            Principal p = tokens.apply(credentials(request, "Bearer", "Bearer").trim());
            if (p == null) {
                throw new AuthenticationException("Invalid bearer token", "Bearer error=\"invalid_token\"");
            }
            return p;
        };
    }

    /** The credentials of an {@code Authorization: <scheme> <credentials>} header, or a refusal. */
    private static String credentials(HandshakeInfo request, String scheme, String challenge)
            throws AuthenticationException {
        String header = request.header("authorization");
        if (header == null) {
            throw new AuthenticationException("No Authorization header", challenge);
        }
        String prefix = scheme.toLowerCase(Locale.ROOT) + " ";
        if (!header.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            throw new AuthenticationException("Authorization is not " + scheme, challenge);
        }
        return header.substring(prefix.length());
    }
}
