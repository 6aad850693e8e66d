package dev.junction.zeromq.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Junction's control messages, sent as the payload frame where a JSON-RPC message would go. Each
 * starts with four zero bytes, which neither JSON text nor a BSON document (whose length prefix is
 * at least 5) can, so they are never mistaken for a message. An empty payload is the
 * acknowledgement a REQ client gets for a notification.
 */
public final class Control {
    /** A DEALER announces itself on connecting, so a ROUTER server knows it before its first call. */
    public static final byte[] HELLO = control("junction:hello");
    /** Either side closes its end of the conversation in order. */
    public static final byte[] BYE = control("junction:bye");
    /** A publisher's heartbeat. */
    public static final byte[] HEARTBEAT = control("junction:heartbeat");

    private Control() {}

    private static byte[] control(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[4 + text.length];
        System.arraycopy(text, 0, result, 4, text.length);
        return result;
    }

    public static boolean isControl(byte[] payload) {
        return payload.length >= 4 && payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0;
    }

    public static boolean is(byte[] payload, byte[] control) {
        return Arrays.equals(payload, control);
    }
}
