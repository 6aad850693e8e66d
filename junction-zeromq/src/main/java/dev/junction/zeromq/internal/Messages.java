package dev.junction.zeromq.internal;

import dev.junction.codec.Codec;
import dev.junction.codec.Codecs;
import dev.junction.message.Batch;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import dev.junction.transport.TransportOptions;

/**
 * Looks inside frames where a lock-step pattern must know what a frame is: whether a frame a REQ
 * peer sent expects an answer, whether a frame to send is a request. Uses the peer's own codec.
 */
final class Messages {
    private final Codec codec;

    Messages(TransportOptions options) {
        this.codec = Codecs.forName(options.codecName(), options.limits());
    }

    private Message decode(byte[] frame) {
        try {
            return codec.decode(frame);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** False only for a notification or a batch of notifications: everything else gets an answer. */
    boolean expectsAnswer(byte[] frame) {
        Message m = decode(frame);
        if (m instanceof Notification) {
            return false;
        }
        if (m instanceof Batch && !((Batch) m).members().isEmpty()) {
            return !((Batch) m).members().stream().allMatch(x -> x instanceof Notification);
        }
        return true;
    }

    /** True for an answer or a batch of answers. */
    boolean isAnswer(byte[] frame) {
        Message m = decode(frame);
        return m instanceof Response
                || m instanceof Batch && ((Batch) m).members().stream().allMatch(x -> x instanceof Response);
    }

    /** The method of a request, or null when the frame is not one. */
    String requestMethod(byte[] frame) {
        Message m = decode(frame);
        if (m instanceof Request) {
            return ((Request) m).method();
        }
        if (m instanceof Batch) {
            return ((Batch) m).members().stream().anyMatch(x -> x instanceof Request) ? "(batch)" : null;
        }
        return null;
    }

    /** The request in a frame, or null. */
    Request request(byte[] frame) {
        Message m = decode(frame);
        return m instanceof Request ? (Request) m : null;
    }

    /** The method of a notification, or null. */
    Notification notification(byte[] frame) {
        Message m = decode(frame);
        return m instanceof Notification ? (Notification) m : null;
    }
}
