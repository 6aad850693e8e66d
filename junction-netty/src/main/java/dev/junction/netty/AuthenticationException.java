package dev.junction.netty;

/**
 * An {@link Authenticator} refuses a request: the server answers {@code 401 Unauthorized} (to the
 * WebSocket upgrade or to the HTTP call) with the challenge as {@code WWW-Authenticate}.
 */
public class AuthenticationException extends Exception {
    private final String challenge;

    /** Refuses with {@code message} (logged at debug; not sent) and the challenge {@code Basic realm="junction"}. */
    public AuthenticationException(String message) {
        this(message, "Basic realm=\"junction\"");
    }

    /**
     * Refuses with {@code message} and {@code challenge}, the value of the {@code WWW-Authenticate}
     * header ({@code Bearer}, say); null sends none.
     */
    public AuthenticationException(String message, String challenge) {
        super(message);
        this.challenge = challenge;
    }

    /** The {@code WWW-Authenticate} value of the 401 answer, or null. */
    public String challenge() {
        return challenge;
    }
}
