package dev.junction.bson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds BSON bytes by hand, straight from the specification (bsonspec.org), for golden vectors and
 * hostile input: no BSON library involved. Lengths are computed unless a test sets them to lie.
 */
final class Bson {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    static Bson doc() {
        return new Bson();
    }

    Bson int32(String name, int v) {
        element(0x10, name);
        le32(body, v);
        return this;
    }

    Bson int64(String name, long v) {
        element(0x12, name);
        le64(body, v);
        return this;
    }

    Bson dbl(String name, double v) {
        element(0x01, name);
        le64(body, Double.doubleToRawLongBits(v));
        return this;
    }

    Bson string(String name, String v) {
        element(0x02, name);
        byte[] s = v.getBytes(StandardCharsets.UTF_8);
        le32(body, s.length + 1);
        body.writeBytes(s);
        body.write(0);
        return this;
    }

    Bson bool(String name, boolean v) {
        element(0x08, name);
        body.write(v ? 1 : 0);
        return this;
    }

    Bson nul(String name) {
        element(0x0A, name);
        return this;
    }

    Bson datetime(String name, long millis) {
        element(0x09, name);
        le64(body, millis);
        return this;
    }

    Bson binary(String name, int subtype, byte[] v) {
        element(0x05, name);
        le32(body, v.length);
        body.write(subtype);
        body.writeBytes(v);
        return this;
    }

    Bson doc(String name, Bson v) {
        element(0x03, name);
        body.writeBytes(v.bytes());
        return this;
    }

    Bson array(String name, Bson v) {
        element(0x04, name);
        body.writeBytes(v.bytes());
        return this;
    }

    /** Any bytes after an element header: for hostile input. */
    Bson raw(int type, String name, byte... value) {
        element(type, name);
        body.writeBytes(value);
        return this;
    }

    /** The document: int32 length, elements, 0x00. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, body.size() + 5);
        out.writeBytes(body.toByteArray());
        out.write(0);
        return out.toByteArray();
    }

    private void element(int type, String name) {
        body.write(type);
        body.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        body.write(0);
    }

    static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static void le64(ByteArrayOutputStream out, long v) {
        le32(out, (int) v);
        le32(out, (int) (v >>> 32));
    }

    static byte[] hex(String h) {
        String s = h.replaceAll("\\s", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
