package dev.junction.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes {@code params}, {@code result} and {@code error.data} trees through the generator: the
 * standard node types directly, without the per-call set-up of a databind write.
 */
final class JsonTreeWriter {
    /** Shorter strings go through the generator's own loop, cheaper than a copy for them. */
    private static final int PLAIN_MIN_LENGTH = 64;

    private JsonTreeWriter() {}

    /**
     * Writes {@code n}. Nodes that only databind knows how to write (POJO and binary nodes) go
     * through {@link JsonGenerator#writeTree}, which needs the generator's factory to have an
     * {@code ObjectMapper} as its codec.
     */
    static void writeTree(JsonGenerator g, JsonNode n) throws IOException {
        writeTree(g, n, false);
    }

    /**
     * As {@link #writeTree(JsonGenerator, JsonNode)}; with {@code plainAscii}, for a UTF-8 JSON
     * generator that escapes only what JSON requires (the JSON codec's), long strings of plain ASCII
     * (see {@link PlainAscii}) are written as their bytes, unescaped, which is what the generator
     * would write for them, without its character-by-character escaping loop.
     */
    static void writeTree(JsonGenerator g, JsonNode n, boolean plainAscii) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT:
                writeObject(g, n, plainAscii);
                break;
            case ARRAY:
                writeArray(g, n, plainAscii);
                break;
            case STRING:
                if (plainAscii) {
                    writeString(g, n.textValue());
                } else {
                    g.writeString(n.textValue());
                }
                break;
            case BOOLEAN:
                g.writeBoolean(n.booleanValue());
                break;
            case NULL:
            case MISSING:
                g.writeNull();
                break;
            case NUMBER:
                writeNumber(g, n);
                break;
            default:
                g.writeTree(n);
        }
    }

    /**
     * A string as plain bytes when it is long and plain ASCII. The copy is Latin-1, one byte per
     * character: a character above U+00FF becomes {@code ?} in it, so a {@code ?} counts as plain only
     * where the string really has one.
     */
    static void writeString(JsonGenerator g, String s) throws IOException {
        if (s.length() < PLAIN_MIN_LENGTH) {
            g.writeString(s);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while ((i = PlainAscii.end(b, i, b.length, '?')) < b.length) {
            if (b[i] != '?' || s.charAt(i) != '?') {
                g.writeString(s);
                return;
            }
            i++;
        }
        g.writeRawUTF8String(b, 0, b.length);
    }

    private static void writeObject(JsonGenerator g, JsonNode n, boolean plainAscii) throws IOException {
        g.writeStartObject(n, n.size());
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            g.writeFieldName(e.getKey());
            writeTree(g, e.getValue(), plainAscii);
        }
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, JsonNode n, boolean plainAscii) throws IOException {
        int size = n.size();
        g.writeStartArray(n, size);
        for (int i = 0; i < size; i++) {
            writeTree(g, n.get(i), plainAscii);
        }
        g.writeEndArray();
    }

    private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT:
                g.writeNumber(n.intValue());
                break;
            case LONG:
                g.writeNumber(n.longValue());
                break;
            case BIG_INTEGER:
                g.writeNumber(n.bigIntegerValue());
                break;
            case FLOAT:
                g.writeNumber(n.floatValue());
                break;
            case DOUBLE:
                g.writeNumber(n.doubleValue());
                break;
            default:
                g.writeNumber(n.decimalValue());
        }
    }
}
