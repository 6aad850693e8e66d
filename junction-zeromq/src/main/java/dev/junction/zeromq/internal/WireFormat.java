package dev.junction.zeromq.internal;

import dev.junction.message.Request;
import dev.junction.zeromq.compat.PyZmqRpcFormat;
import java.util.Locale;

/**
 * What goes on the wire in place of the engine's JSON-RPC frames (the {@code format} option):
 * {@code jsonrpc} (the frames themselves, the default) or {@code pyzmqrpc} ({@link
 * PyZmqRpcFormat}). Stateless; used on the socket's loop thread.
 */
enum WireFormat {
    JSONRPC,
    PYZMQRPC;

    static WireFormat parse(String option) {
        if (option == null) {
            return JSONRPC;
        }
        switch (option.toLowerCase(Locale.ROOT)) {
            case "jsonrpc":
                return JSONRPC;
            case "pyzmqrpc":
                return PYZMQRPC;
            default:
                throw new IllegalArgumentException("Unknown wire format '" + option + "' (choose jsonrpc or pyzmqrpc)");
        }
    }

    /** A server's received payload: the frame for the engine, or an answer to send back at once. */
    PyZmqRpcFormat.Inbound received(byte[] payload) {
        return this == JSONRPC ? new PyZmqRpcFormat.Inbound(payload, null) : PyZmqRpcFormat.callToJsonRpc(payload);
    }

    /** A server's answer to send. */
    byte[] answer(byte[] frame) {
        return this == JSONRPC ? frame : PyZmqRpcFormat.answerToWire(frame);
    }

    /** A client's call to send; throws IllegalArgumentException when the format cannot carry it. */
    byte[] call(byte[] frame) {
        return this == JSONRPC ? frame : PyZmqRpcFormat.callToWire(frame);
    }

    /** A client's received answer to {@code request} (null for a notification: nothing to deliver). */
    byte[] answered(byte[] payload, Request request) {
        if (this == JSONRPC || payload.length == 0) {
            return payload;
        }
        return request == null ? new byte[0] : PyZmqRpcFormat.answerToJsonRpc(payload, request.id());
    }
}
