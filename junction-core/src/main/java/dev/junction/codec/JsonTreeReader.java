package dev.junction.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;

/**
 * Reads {@code params}, {@code result} and {@code error.data} values into trees straight from the
 * parser, making the same nodes as {@code ObjectMapper.readTree} without the per-call set-up of a
 * databind read.
 */
final class JsonTreeReader {
    private JsonTreeReader() {}

    /** The value whose first token is {@code t} (the parser's current token) as a tree. */
    static JsonNode readTree(JsonParser p, JsonToken t) throws IOException {
        return readTree(p, t, null, 0, 0);
    }

    /**
     * As {@link #readTree(JsonParser, JsonToken)}; {@code raw} (null if unknown) is the frame that
     * {@code p} parses, {@code raw[rawOffset, rawEnd)}, already checked to be valid UTF-8: plain strings are
     * then made from its bytes (see {@link #plainString}).
     */
    static JsonNode readTree(JsonParser p, JsonToken t, byte[] raw, int rawOffset, int rawEnd) throws IOException {
        switch (t) {
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_STRING:
                return TextNode.valueOf(raw == null ? p.getText() : plainString(p, raw, rawOffset, rawEnd));
            case VALUE_NUMBER_INT:
                return readInteger(p);
            case VALUE_NUMBER_FLOAT:
                return readFloat(p);
            case START_OBJECT:
            case START_ARRAY:
                return readContainer(p, t, raw, rawOffset, rawEnd);
            case VALUE_EMBEDDED_OBJECT:
                return readEmbedded(p);
            default:
                // A parser starts every value with one of the tokens above.
                throw new IllegalStateException("not the start of a value: " + t);
        }
    }

    /**
     * Reads an array or object ({@code start} is its current first token) into a tree. Iterative
     * rather than recursive, so that a deep tree within {@code Limits.maxNestingDepth} cannot
     * overflow the stack.
     */
    static ContainerNode<?> readContainer(JsonParser p, JsonToken start) throws IOException {
        return readContainer(p, start, null, 0, 0);
    }

    /** As {@link #readContainer(JsonParser, JsonToken)}, with the frame as for {@link #readTree}. */
    static ContainerNode<?> readContainer(JsonParser p, JsonToken start, byte[] raw, int rawOffset, int rawEnd)
            throws IOException {
        ContainerNode<?> root = newContainer(start);
        ContainerNode<?> current = root;
        ArrayList<ContainerNode<?>> parents = null; // only nested containers pay for the list
        while (true) {
            // The member's name as nextFieldName gave it: some parsers (bson4jackson) do not report it
            // as the current name once a container value has started.
            String name = null;
            JsonToken t;
            if (current instanceof ObjectNode) {
                name = p.nextFieldName();
                t = name == null ? p.currentToken() : p.nextToken();
            } else {
                t = p.nextToken();
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                if (parents == null || parents.isEmpty()) {
                    return root;
                }
                current = parents.remove(parents.size() - 1);
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                ContainerNode<?> child = newContainer(t);
                add(p, current, name, child);
                if (parents == null) {
                    parents = new ArrayList<>();
                }
                parents.add(current);
                current = child;
            } else if (t == null) {
                throw new JsonEOFException(p, null, "unexpected end of input");
            } else {
                add(p, current, name, readTree(p, t, raw, rawOffset, rawEnd));
            }
        }
    }

    /**
     * The current string token's value. When its content in the frame is plain ASCII (no escapes, no
     * control characters, see {@link PlainAscii}) and within the string length limit, it is made
     * straight from those bytes: the parser has not decoded the string yet (Jackson's byte parsers
     * decode a string only when asked) and skips it on the next token, so the characters are not
     * copied through the parser's text buffer and a {@code StringBuilder} (and the JSON codec's own
     * parser is told the string is read, so it does not scan it again either). Anything else (escapes,
     * non-ASCII, a position that is not the opening quote, a string over the limit) is read by the
     * parser as before, with the same checks and errors.
     */
    private static String plainString(JsonParser p, byte[] raw, int rawOffset, int rawEnd) throws IOException {
        // Jackson's byte parsers give a string token's offset as that of its first character, just
        // after the opening quote; checked here all the same, the fast path is taken only if it is one.
        long at = p instanceof ParserBase ? ((ParserBase) p).getTokenCharacterOffset() : -1;
        if (at >= 1 && at <= rawEnd - rawOffset) {
            int start = rawOffset + (int) at;
            if (raw[start - 1] == '"') {
                int stop = PlainAscii.end(raw, start, rawEnd);
                if (stop < rawEnd
                        && raw[stop] == '"'
                        && stop - start <= p.streamReadConstraints().getMaxStringLength()) {
                    String value = new String(raw, start, stop - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (p instanceof JsonCodecFactory.PlainParser) {
                        // Spares the parser's own pass over the string (it would skip it on the next token).
                        ((JsonCodecFactory.PlainParser) p).markRead(start, stop, value);
                    }
                    return value;
                }
            }
        }
        return p.getText();
    }

    /** Adds the value that starts at the current token, under {@code name} in an object. */
    private static void add(JsonParser p, ContainerNode<?> container, String name, JsonNode value) throws IOException {
        if (container instanceof ObjectNode) {
            if (((ObjectNode) container).replace(name, value) != null) {
                throw DecodeFailure.duplicate(p, name);
            }
        } else {
            ((ArrayNode) container).add(value);
        }
    }

    /**
     * A value of a binary format's own type (never in JSON): bytes as a binary node, anything else
     * (a BSON datetime as a {@code java.util.Date}, say) as a POJO node holding the parser's value.
     */
    private static JsonNode readEmbedded(JsonParser p) throws IOException {
        Object value = p.getEmbeddedObject();
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof byte[]) {
            return BinaryNode.valueOf((byte[]) value);
        }
        return JsonNodeFactory.instance.pojoNode(value);
    }

    private static JsonNode readInteger(JsonParser p) throws IOException {
        switch (p.getNumberType()) {
            case INT:
                return IntNode.valueOf(p.getIntValue());
            case LONG:
                return LongNode.valueOf(p.getLongValue());
            default:
                return BigIntegerNode.valueOf(p.getBigIntegerValue());
        }
    }

    /**
     * A fraction written as text becomes a double when the double holds its value exactly as written
     * (always for up to 15 significant digits without an exponent), else a {@link DecimalNode}
     * holding every digit: a number passed through (a bridge, a handler echoing a tree) keeps its
     * value, and Infinity never appears. Binary formats' floats stay what they are.
     */
    private static JsonNode readFloat(JsonParser p) throws IOException {
        JsonParser.NumberTypeFP binaryType = p.getNumberTypeFP();
        if (binaryType == JsonParser.NumberTypeFP.BIG_DECIMAL) {
            return DecimalNode.valueOf(p.getDecimalValue());
        }
        double d = p.getDoubleValue();
        if (binaryType != JsonParser.NumberTypeFP.UNKNOWN) {
            return Double.isInfinite(d) ? DecimalNode.valueOf(p.getDecimalValue()) : DoubleNode.valueOf(d);
        }
        if (isShortPlainFraction(p)) {
            return DoubleNode.valueOf(d);
        }
        BigDecimal exact = p.getDecimalValue();
        if (!Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
            return DoubleNode.valueOf(d);
        }
        return DecimalNode.valueOf(exact);
    }

    /** At most 15 characters and no exponent: at most 15 significant digits, which a double keeps. */
    private static boolean isShortPlainFraction(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > 15) {
            return false;
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = offset; i < offset + length; i++) {
            if (text[i] == 'e' || text[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    // Arrays start small: most params arrays hold a few values (an ArrayList's default grows to 10).
    private static ContainerNode<?> newContainer(JsonToken start) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return start == JsonToken.START_OBJECT ? nodes.objectNode() : nodes.arrayNode(ARRAY_CAPACITY);
    }

    private static final int ARRAY_CAPACITY = 4;
}
