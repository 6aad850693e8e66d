package dev.junction.broker.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes on the broker's two sides.
 *
 * <p>Frontend: what a {@code zmq-router} server of junction-zeromq speaks. Junction's control
 * payloads start with four zero bytes (no JSON text or BSON document can): {@link #HELLO}, {@link
 * #BYE}, {@link #BYE_FOR}; an empty payload acknowledges a REQ client's notification.
 *
 * <p>Backend (worker protocol 1): each message a DEALER worker sends is {@code [command, args...]}
 * (the broker's ROUTER puts the worker's identity in front):
 *
 * <pre>
 * worker → broker  READY  json{"protocol":1,"name":..,"capacity":N,"heartbeatMillis":N,"idempotent":[..]}
 *                  HB
 *                  OUT    client-identity  payload      (an answer, notification or call for that client)
 *                  BYE                                   (the worker leaves)
 * broker → worker  REQ    client-identity  payload      (a request, notification, batch or answer)
 *                  GONE   client-identity                (that client closed: close its connection)
 *                  HB
 *                  WHO                                   (unknown worker: send READY again)
 *                  BYE                                   (the broker closes)
 * </pre>
 */
public final class Wire {
    public static final byte[] HELLO = control("junction:hello");
    public static final byte[] BYE = control("junction:bye");
    public static final byte[] BYE_FOR = control("junction:bye-for:");

    public static final byte[] READY = ascii("READY");
    public static final byte[] HEARTBEAT = ascii("HB");
    public static final byte[] OUT = ascii("OUT");
    public static final byte[] REQUEST = ascii("REQ");
    public static final byte[] GONE = ascii("GONE");
    public static final byte[] WHO = ascii("WHO");
    public static final byte[] LEAVE = ascii("BYE");

    /** The worker protocol's version, sent in READY. */
    public static final int PROTOCOL = 1;

    private Wire() {}

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] control(String name) {
        byte[] text = ascii(name);
        byte[] result = new byte[4 + text.length];
        System.arraycopy(text, 0, result, 4, text.length);
        return result;
    }

    /** True for a Junction control payload (four zero bytes first). */
    public static boolean isControl(byte[] payload) {
        return payload.length >= 4 && payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0;
    }

    /** True when {@code payload} starts with {@code prefix}. */
    public static boolean startsWith(byte[] payload, byte[] prefix) {
        return payload.length >= prefix.length && Arrays.equals(payload, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** True when {@code frame} is exactly {@code command}. */
    public static boolean is(byte[] frame, byte[] command) {
        return Arrays.equals(frame, command);
    }

    /** An identity as lower-case hex, for names and logs. */
    public static String hex(byte[] identity) {
        StringBuilder sb = new StringBuilder(identity.length * 2);
        for (byte b : identity) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
