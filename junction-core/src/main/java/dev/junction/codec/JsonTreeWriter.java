package dev.junction.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * Writes {@code params}, {@code result} and {@code error.data} trees through the generator: the
 * standard node types directly, without the per-call set-up of a databind write.
 */
final class JsonTreeWriter {
    private JsonTreeWriter() {}

    /**
     * Writes {@code n}. Nodes that only databind knows how to write (POJO and binary nodes) go
     * through {@link JsonGenerator#writeTree}, which needs the generator's factory to have an
     * {@code ObjectMapper} as its codec.
     */
    static void writeTree(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT:
                writeObject(g, n);
                break;
            case ARRAY:
                writeArray(g, n);
                break;
            case STRING:
                g.writeString(n.textValue());
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

    private static void writeObject(JsonGenerator g, JsonNode n) throws IOException {
        g.writeStartObject(n, n.size());
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            g.writeFieldName(e.getKey());
            writeTree(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, JsonNode n) throws IOException {
        int size = n.size();
        g.writeStartArray(n, size);
        for (int i = 0; i < size; i++) {
            writeTree(g, n.get(i));
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
