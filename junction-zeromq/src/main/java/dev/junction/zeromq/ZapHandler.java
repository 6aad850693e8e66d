package dev.junction.zeromq;

import java.util.Optional;

/**
 * Decides whether a client may connect to a secured Junction ZeroMQ server (PLAIN or CURVE), as a
 * ZAP handler does. Give one to a server builder with {@code transportOption(ZapHandler.OPTION,
 * handler)}; without one, a PLAIN server reads the {@code plainPasswords} file ({@link
 * PasswordTable}) and a CURVE server the {@code curveAllow} list ({@link CurveAllowList}).
 *
 * <p>Called on Junction's ZAP thread, one request at a time for the whole JVM: it should answer
 * quickly and must not block on the network. An exception thrown is logged and refuses the client.
 */
@FunctionalInterface
public interface ZapHandler {
    /** The key of the builder's transport option that carries a handler. */
    String OPTION = "zmq.zapHandler";

    /**
     * Authenticates one client.
     *
     * @return the user id that handlers see as {@code RpcContext.principal()} (a PLAIN user name, a
     *     CURVE public key, or what the handler chooses, non-empty), or empty to refuse the client:
     *     ZeroMQ then tells it so (status 400) and a Junction client fails its calls with {@link
     *     ZmqAuthenticationException}
     */
    Optional<String> authenticate(ZapRequest request);
}
