package dev.junction;

import dev.junction.message.Message;

/**
 * Sees every message a peer receives and sends: for logging with redaction, authentication,
 * metrics, tracing. Interceptors run in the order they were added, inbound and outbound alike.
 *
 * <p>Contract: call {@link Chain#proceed} at most once, with the message as received or a
 * replacement. Not calling it drops the message. Throwing {@link RpcException} while an inbound
 * request passes answers that request with the error (and it reaches no handler); thrown on an
 * outbound call, it fails that call. Inbound messages pass on a transport thread and outbound ones
 * on the sending thread: an interceptor must be thread-safe and must not block.
 */
@FunctionalInterface
public interface Interceptor {
    /** Which way a message travels. */
    enum Direction {
        INBOUND,
        OUTBOUND
    }

    void intercept(Chain chain);

    /** One message on its way through the interceptors. */
    interface Chain {
        Direction direction();

        Message message();

        /** The peer the message belongs to. */
        RpcPeer peer();

        /** Passes {@code message} to the next interceptor, then on to the engine or the wire. */
        void proceed(Message message);
    }
}
