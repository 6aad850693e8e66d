package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.zeromq.ZmqAuthenticationException;

/**
 * The rule of the one-way patterns (PUSH, PUB): only notifications travel, since nothing can come
 * back. A call, or an answer, over them fails at once with a {@link TransportException} that says
 * which pattern to use instead. Once the server has refused this client's credentials ({@link
 * #refused}), every frame fails with that {@link ZmqAuthenticationException}. Any thread.
 */
final class OneWay {
    private final Messages messages;
    private final String pattern;
    private volatile ZmqAuthenticationException refused;

    OneWay(Messages messages, String pattern) {
        this.messages = messages;
        this.pattern = pattern;
    }

    /** Null when {@code frame} may go; otherwise the error to fail its send with. */
    TransportException refusal(byte[] frame, Object endpoint) {
        if (refused != null) {
            return refused;
        }
        String method = messages.requestMethod(frame);
        if (method != null) {
            return new TransportException("A call to '" + method + "' cannot get an answer over " + pattern + " ("
                    + endpoint + "): it carries notifications only; use zmq-dealer or zmq-req for calls");
        }
        if (messages.isAnswer(frame)) {
            return new TransportException(pattern + " (" + endpoint + ") cannot carry answers back");
        }
        return null;
    }

    /** The refusal of this client's credentials, or null. */
    ZmqAuthenticationException refused() {
        return refused;
    }

    /** The server refused this client's credentials: every later frame fails with {@code cause}. */
    void refused(ZmqAuthenticationException cause) {
        refused = cause;
    }
}
