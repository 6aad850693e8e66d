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
    /**
     * A REQ client that replaced its socket (lazy pirate) says, from the new one, that the old
     * identity that follows this prefix is gone, so the server closes that connection.
     */
    public static final byte[] BYE_FOR = control("junction:bye-for:");
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

    public static boolean startsWith(byte[] payload, byte[] prefix) {
        return payload.length >= prefix.length && Arrays.equals(payload, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** {@code prefix} followed by {@code rest}. */
    public static byte[] concat(byte[] prefix, byte[] rest) {
        byte[] result = Arrays.copyOf(prefix, prefix.length + rest.length);
        System.arraycopy(rest, 0, result, prefix.length, rest.length);
        return result;
    }

    public static boolean is(byte[] payload, byte[] control) {
        return Arrays.equals(payload, control);
    }
}
