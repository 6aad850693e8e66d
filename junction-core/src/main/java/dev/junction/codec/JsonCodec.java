package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
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
import dev.junction.CodecException;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON codec: JSON-RPC 2.0 (or 1.0) messages as UTF-8 JSON, read and written with Jackson's
 * streaming API. Only {@code params}, {@code result} and {@code error.data} become trees; the
 * envelope is read token by token and unknown members are skipped.
 *
 * <p>Immutable and thread-safe: build one with {@link #builder()} (or take {@link #standard()}) and
 * share it. {@link #decode} never throws for bad input; it answers with an {@link InvalidMessage}:
 *
 * <ul>
 *   <li>{@code -32700} (id null): malformed or truncated JSON, trailing data after the value, an
 *       empty frame, invalid UTF-8, a byte order mark, UTF-16/UTF-32 input.
 *   <li>{@code -32600} (with the id when it could be read): valid JSON that is not a valid message,
 *       duplicate members, a top-level scalar, an empty batch, and every limit ({@code
 *       Limits.maxFrameBytes}, {@code maxNestingDepth}, {@code maxStringLength}, {@code
 *       maxBatchSize}; the message names the setting).
 * </ul>
 */
public final class JsonCodec implements Codec {
    /** Which flavour of JSON-RPC this codec reads and writes. */
    public enum Dialect {
        /**
         * Exactly the JSON-RPC 2.0 specification: {@code "jsonrpc": "2.0"} required, a response has
         * exactly one of result and error, error codes are integers.
         */
        STRICT,
        /**
         * JSON-RPC 2.0 as peers in the wild send it: {@code jsonrpc} may be missing, {@code "params":
         * null} means no params, an error answer may also carry {@code "result": null} (and a success
         * {@code "error": null}), an error code may be an integral float such as {@code -32601.0}.
         * Output is the same as {@link #STRICT}.
         */
        LENIENT,
        /**
         * JSON-RPC 1.0: no {@code jsonrpc} member; {@code "id": null} marks a notification; a response
         * carries both result and error, one of them null; {@code error} may be any value. On output
         * params are always an array and batches do not exist.
         */
        JSONRPC_1_0
    }

    /** What to write for a request or notification that has no params. */
    public enum EmptyParams {
        /** Leave the {@code params} member out (the specification's choice). */
        OMIT,
        /** Write {@code "params": {}}. */
        EMPTY_OBJECT,
        /** Write {@code "params": []}. */
        EMPTY_ARRAY
    }

    /** The code given to a JSON-RPC 1.0 error that is not an object with code and message. */
    static final int JSONRPC_1_0_ERROR_CODE = -32000;

    private static final JsonCodec STANDARD = builder().build();

    private static final SerializableString JSONRPC = new SerializedString("jsonrpc");
    private static final SerializableString VERSION = new SerializedString("2.0");
    private static final SerializableString METHOD = new SerializedString("method");
    private static final SerializableString PARAMS = new SerializedString("params");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString RESULT = new SerializedString("result");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString CODE = new SerializedString("code");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString DATA = new SerializedString("data");

    private static final String PARSE = "Parse error: ";
    private static final String INVALID = "Invalid Request: ";
    private static final InvalidMessage NON_OBJECT_MEMBER =
            invalid(Id.NULL, INVALID + "a batch member must be an object", false);

    private static final int NONE = 0;
    private static final int OK = 1;
    private static final int NULL = 2;
    private static final int BAD = 3;

    private final Limits limits;
    private final Dialect dialect;
    private final EmptyParams emptyParams;
    private final boolean nullResultWithError;
    private final boolean nullErrorData;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    private JsonCodec(Builder b) {
        this.limits = b.limits;
        this.dialect = b.dialect;
        this.emptyParams = b.emptyParams;
        this.nullResultWithError = b.nullResultWithError;
        this.nullErrorData = b.nullErrorData;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxFrameBytes())
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(Math.max(StreamWriteConstraints.DEFAULT_MAX_DEPTH, limits.maxNestingDepth()))
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Characters outside the BMP as 4-byte UTF-8, not as escaped surrogate pairs.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        this.mapper = new ObjectMapper(factory); // also makes itself the factory's codec (writeTree)
    }

    /** The default codec: {@link Dialect#STRICT}, {@link Limits#defaults()}, params omitted when absent. */
    public static JsonCodec standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this codec's settings. */
    public Builder toBuilder() {
        return new Builder()
                .limits(limits)
                .dialect(dialect)
                .emptyParams(emptyParams)
                .nullResultWithError(nullResultWithError)
                .nullErrorData(nullErrorData);
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean isBinary() {
        return false;
    }

    public Limits limits() {
        return limits;
    }

    public Dialect dialect() {
        return dialect;
    }

    public EmptyParams emptyParams() {
        return emptyParams;
    }

    public boolean nullResultWithError() {
        return nullResultWithError;
    }

    public boolean nullErrorData() {
        return nullErrorData;
    }

    @Override
    public String toString() {
        return "JsonCodec{dialect=" + dialect + ", emptyParams=" + emptyParams + ", nullResultWithError="
                + nullResultWithError + ", nullErrorData=" + nullErrorData + ", " + limits + "}";
    }

    // ---------------------------------------------------------------------------------- decoding

    @Override
    public Message decode(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (length > limits.maxFrameBytes()) {
            return invalid(
                    Id.NULL,
                    INVALID + "frame of " + length + " bytes is longer than Limits.maxFrameBytes ("
                            + limits.maxFrameBytes() + ")",
                    false);
        }
        String encodingProblem = encodingProblem(frame, offset, length);
        if (encodingProblem != null) {
            return parseError(encodingProblem);
        }
        Envelope top = null;
        try (JsonParser p = factory.createParser(frame, offset, length)) {
            JsonToken t = p.nextToken();
            Message m;
            if (t == JsonToken.START_OBJECT) {
                top = new Envelope();
                m = readObject(p, top);
            } else if (t == JsonToken.START_ARRAY) {
                m = readBatch(p);
                if (m == null) { // the rest of the batch is deliberately left unread
                    return invalid(
                            Id.NULL,
                            INVALID + "batch has more members than Limits.maxBatchSize (" + limits.maxBatchSize() + ")",
                            false);
                }
            } else if (t == null) {
                return parseError("empty frame");
            } else {
                m = invalid(Id.NULL, INVALID + "a message must be an object or an array, not a " + kind(t), false);
            }
            if (p.nextToken() != null) {
                return parseError("unexpected data after the JSON value");
            }
            return m;
        } catch (StreamConstraintsException e) {
            return limitExceeded(e, top);
        } catch (JsonEOFException e) {
            return parseError("unexpected end of input");
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field '")) {
                String name = original.substring("Duplicate field '".length(), original.length() - 1);
                return invalidWithEnvelope(top, INVALID + "duplicate member '" + shorten(name, 100) + "'");
            }
            return parseError(shortReason(original));
        } catch (IOException | RuntimeException e) {
            // Not expected from an in-memory parser; decode must not throw for bad input whatever happens.
            return parseError("unreadable input");
        }
    }

    private static String encodingProblem(byte[] b, int offset, int length) {
        int n = Math.min(length, 4);
        for (int i = 0; i < n; i++) {
            if (b[offset + i] == 0) {
                return "JSON must be UTF-8 (a zero byte at the start suggests UTF-16 or UTF-32)";
            }
        }
        if (length >= 3 && b[offset] == (byte) 0xEF && b[offset + 1] == (byte) 0xBB && b[offset + 2] == (byte) 0xBF) {
            return "byte order mark (JSON must be UTF-8 without a BOM)";
        }
        int bad = Utf8.firstInvalid(b, offset, length);
        if (bad >= 0) {
            return "invalid UTF-8 at byte " + (bad - offset);
        }
        return null;
    }

    /** Reads a batch (the current token is its START_ARRAY); null when it has too many members. */
    private Message readBatch(JsonParser p) throws IOException {
        if (dialect == Dialect.JSONRPC_1_0) {
            p.skipChildren();
            return invalid(Id.NULL, INVALID + "JSON-RPC 1.0 has no batches", false);
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return invalid(Id.NULL, INVALID + "empty batch", false);
        }
        int max = limits.maxBatchSize();
        List<Message> members = new ArrayList<>();
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (members.size() == max) {
                return null;
            }
            if (t == JsonToken.START_OBJECT) {
                members.add(readObject(p, new Envelope()));
            } else {
                p.skipChildren();
                members.add(NON_OBJECT_MEMBER);
            }
        }
        return new Batch(members);
    }

    /** Reads one object (the current token is its START_OBJECT) and judges it. */
    private Message readObject(JsonParser p, Envelope e) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "jsonrpc":
                    e.version = isVersion2(p, t) ? OK : BAD;
                    p.skipChildren();
                    break;
                case "method":
                    e.hasMethod = true;
                    if (t == JsonToken.VALUE_STRING) {
                        e.method = p.getText();
                    } else {
                        e.method = null;
                        p.skipChildren();
                    }
                    break;
                case "params":
                    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                        e.params = readContainer(p, t);
                        e.paramsState = OK;
                    } else {
                        e.params = null;
                        e.paramsState = t == JsonToken.VALUE_NULL ? NULL : BAD;
                    }
                    break;
                case "id":
                    readId(p, t, e);
                    break;
                case "result":
                    e.hasResult = true;
                    e.result = readTree(p, t);
                    break;
                case "error":
                    e.hasError = true;
                    if (dialect == Dialect.JSONRPC_1_0) {
                        readError10(p, t, e);
                    } else {
                        readError(p, t, e);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        return e.judge(dialect);
    }

    private static boolean isVersion2(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING || p.getTextLength() != 3) {
            return false;
        }
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        return c[o] == '2' && c[o + 1] == '.' && c[o + 2] == '0';
    }

    private static void readId(JsonParser p, JsonToken t, Envelope e) throws IOException {
        switch (t) {
            case VALUE_STRING:
                e.id = Id.of(p.getText());
                e.idState = OK;
                break;
            case VALUE_NUMBER_INT:
                int len = p.getTextLength();
                if (len <= 18) {
                    long v = p.getLongValue();
                    // Id.of(long) writes the canonical form, which JSON integers always have, except "-0".
                    e.id = v == 0 && len != 1 ? Id.ofNumberText(p.getText()) : Id.of(v);
                } else {
                    e.id = Id.ofNumberText(p.getText());
                }
                e.idState = OK;
                break;
            case VALUE_NUMBER_FLOAT:
                e.id = Id.ofNumberText(p.getText());
                e.idState = OK;
                break;
            case VALUE_NULL:
                e.id = Id.NULL;
                e.idState = OK;
                break;
            default:
                e.id = null;
                e.idState = BAD;
                p.skipChildren();
        }
    }

    /** A value as a tree; scalars are made directly, containers through the mapper. */
    private JsonNode readTree(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(p.getIntValue());
                    case LONG:
                        return LongNode.valueOf(p.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                double d = p.getDoubleValue();
                // As ObjectMapper does, floats become doubles; but never Infinity (it is not JSON).
                return Double.isInfinite(d) ? DecimalNode.valueOf(p.getDecimalValue()) : DoubleNode.valueOf(d);
            case START_OBJECT:
            case START_ARRAY:
                return readContainer(p, t);
            default:
                return mapper.readTree(p); // not reached for JSON input
        }
    }

    /**
     * Reads an array or object (the current token is its start) into a tree, without recursion (the
     * parser bounds the depth) and without the per-call set-up of a databind read.
     */
    private JsonNode readContainer(JsonParser p, JsonToken start) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ContainerNode<?> root = start == JsonToken.START_OBJECT ? nodes.objectNode() : nodes.arrayNode();
        ContainerNode<?> current = root;
        ArrayList<ContainerNode<?>> parents = null;
        while (true) {
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
                continue;
            }
            JsonNode value;
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                ContainerNode<?> child = t == JsonToken.START_OBJECT ? nodes.objectNode() : nodes.arrayNode();
                add(current, name, child);
                if (parents == null) {
                    parents = new ArrayList<>();
                }
                parents.add(current);
                current = child;
                continue;
            }
            if (t == null) {
                throw new JsonEOFException(p, null, "unexpected end of input");
            }
            value = readTree(p, t);
            add(current, name, value);
        }
    }

    private static void add(ContainerNode<?> container, String name, JsonNode value) {
        if (name != null) {
            ((ObjectNode) container).set(name, value);
        } else {
            ((ArrayNode) container).add(value);
        }
    }

    /** A JSON-RPC 2.0 error object, read token by token. */
    private void readError(JsonParser p, JsonToken t, Envelope e) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            e.errorNull = true;
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            e.errorProblem = "error must be an object";
            p.skipChildren();
            return;
        }
        boolean hasCode = false;
        int code = 0;
        String message = null;
        JsonNode data = null;
        String problem = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "code":
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        code = p.getIntValue();
                        hasCode = true;
                    } else if (v == JsonToken.VALUE_NUMBER_FLOAT
                            && dialect == Dialect.LENIENT
                            && isIntegral(p.getDoubleValue())) {
                        code = (int) p.getDoubleValue();
                        hasCode = true;
                    } else {
                        hasCode = false;
                        if (problem == null) {
                            problem = "error code must be an integer";
                        }
                        p.skipChildren();
                    }
                    break;
                case "message":
                    if (v == JsonToken.VALUE_STRING) {
                        message = p.getText();
                    } else {
                        message = null;
                        if (problem == null) {
                            problem = "error message must be a string";
                        }
                        p.skipChildren();
                    }
                    break;
                case "data":
                    data = readTree(p, v);
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (problem == null && !hasCode) {
            problem = "error code is missing";
        }
        if (problem == null && message == null) {
            problem = "error message is missing";
        }
        if (problem != null) {
            e.errorProblem = problem;
        } else {
            e.error = new ErrorObject(code, message, data);
        }
    }

    /** A JSON-RPC 1.0 error: any value; an object with code and message is read as such. */
    private void readError10(JsonParser p, JsonToken t, Envelope e) throws IOException {
        JsonNode v = readTree(p, t);
        if (v.isNull()) {
            e.errorNull = true;
            return;
        }
        if (v.isObject()) {
            JsonNode code = v.get("code");
            JsonNode message = v.get("message");
            if (code != null
                    && code.isNumber()
                    && isIntegral(code.doubleValue())
                    && message != null
                    && message.isTextual()) {
                e.error = new ErrorObject((int) code.doubleValue(), message.textValue(), v.get("data"));
                return;
            }
        }
        e.error = new ErrorObject(JSONRPC_1_0_ERROR_CODE, v.isTextual() ? v.textValue() : v.toString(), v);
    }

    private static boolean isIntegral(double d) {
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }

    private InvalidMessage limitExceeded(StreamConstraintsException e, Envelope top) {
        String original = e.getOriginalMessage();
        String reason;
        if (original == null) {
            reason = "the input exceeds a limit";
        } else if (original.startsWith("Document nesting depth")) {
            reason = "nesting deeper than Limits.maxNestingDepth (" + limits.maxNestingDepth() + ")";
        } else if (original.startsWith("String value length")) {
            reason = "a string longer than Limits.maxStringLength (" + limits.maxStringLength() + " characters)";
        } else if (original.startsWith("Document length")) {
            reason = "frame longer than Limits.maxFrameBytes (" + limits.maxFrameBytes() + ")";
        } else if (original.startsWith("Number value length")) {
            reason = "a number with too many digits";
        } else if (original.startsWith("Name length")) {
            reason = "a member name that is too long";
        } else {
            reason = "the input exceeds a limit";
        }
        return invalidWithEnvelope(top, INVALID + reason);
    }

    /** An invalid request carrying what the top-level object showed before reading stopped. */
    private static InvalidMessage invalidWithEnvelope(Envelope top, String message) {
        if (top == null) {
            return invalid(Id.NULL, message, false);
        }
        return invalid(top.idState == OK ? top.id : Id.NULL, message, top.hasResult || top.hasError);
    }

    private static String kind(JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            default:
                return "null";
        }
    }

    /** Jackson's message without its location suffix, cut to a sensible length. */
    private static String shortReason(String original) {
        if (original == null || original.isEmpty()) {
            return "invalid JSON";
        }
        String s = original;
        int cut = s.indexOf('\n');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        cut = s.indexOf(" (start marker at");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        cut = s.indexOf(" at [Source");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        return "invalid JSON: " + shorten(s, 200);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static InvalidMessage parseError(String reason) {
        return invalid(Id.NULL, new ErrorObject(ErrorCodes.PARSE_ERROR, PARSE + reason, null), false);
    }

    private static InvalidMessage invalid(Id id, String message, boolean wasResponse) {
        return invalid(id, new ErrorObject(ErrorCodes.INVALID_REQUEST, message, null), wasResponse);
    }

    private static InvalidMessage invalid(Id id, ErrorObject error, boolean wasResponse) {
        return new InvalidMessage(id, error, wasResponse);
    }

    /** What one object showed, member by member; judged once the object has been read in full. */
    private static final class Envelope {
        int version = NONE;
        boolean hasMethod;
        String method;
        int paramsState = NONE;
        JsonNode params;
        int idState = NONE;
        Id id;
        boolean hasResult;
        JsonNode result;
        boolean hasError;
        boolean errorNull;
        ErrorObject error;
        String errorProblem;

        Message judge(Dialect dialect) {
            boolean response = hasResult || hasError;
            if (dialect != Dialect.JSONRPC_1_0) {
                if (version == BAD) {
                    return reject("jsonrpc must be \"2.0\"");
                }
                if (version == NONE && dialect == Dialect.STRICT) {
                    return reject("missing \"jsonrpc\": \"2.0\"");
                }
            }
            if (idState == BAD) {
                return reject("id must be a string, a number or null");
            }
            if (hasMethod) {
                if (response) {
                    return reject("a message cannot have both method and result or error");
                }
                if (method == null) {
                    return reject("method must be a string");
                }
                if (paramsState == BAD || (paramsState == NULL && dialect == Dialect.STRICT)) {
                    return reject("params must be an array or an object");
                }
                if (idState == NONE || (dialect == Dialect.JSONRPC_1_0 && id.isNull())) {
                    return new Notification(method, params);
                }
                return new Request(id, method, params);
            }
            if (!response) {
                return reject("method is missing");
            }
            if (idState == NONE) {
                return reject("a response must have an id");
            }
            if (dialect == Dialect.STRICT) {
                if (hasResult && hasError) {
                    return reject("a response cannot have both result and error");
                }
                if (hasResult) {
                    return new Response(id, result, null);
                }
                if (errorNull) {
                    return reject("error must be an object");
                }
            } else {
                boolean errorPresent = hasError && !errorNull;
                if (!errorPresent) {
                    return hasResult ? new Response(id, result, null) : reject("a response needs a result or an error");
                }
                if (hasResult && !result.isNull()) {
                    return reject("a response cannot have both result and error");
                }
            }
            if (errorProblem != null) {
                return reject(errorProblem);
            }
            return new Response(id, null, error);
        }

        private InvalidMessage reject(String reason) {
            return invalid(idState == OK ? id : Id.NULL, INVALID + reason, hasResult || hasError);
        }
    }

    // ---------------------------------------------------------------------------------- encoding

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        BufferRecycler recycler = factory._getBufferRecycler();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator g = factory.createGenerator(out)) {
                write(g, message);
            }
            if (out.size() > limits.maxFrameBytes()) {
                throw new CodecException("Encoded message of " + out.size()
                        + " bytes is longer than Limits.maxFrameBytes (" + limits.maxFrameBytes() + ")");
            }
            return out.getClearAndRelease();
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("Cannot encode message as JSON: " + e.getMessage(), e);
        } finally {
            recycler.releaseToPool();
        }
    }

    private void write(JsonGenerator g, Message message) throws IOException {
        if (message instanceof Request) {
            Request r = (Request) message;
            writeCall(g, r.method(), r.params(), r.id());
        } else if (message instanceof Notification) {
            Notification n = (Notification) message;
            writeCall(g, n.method(), n.params(), null);
        } else if (message instanceof Response) {
            Response r = (Response) message;
            writeResponse(g, r.id(), r.result(), r.error());
        } else if (message instanceof InvalidMessage) {
            InvalidMessage m = (InvalidMessage) message;
            writeResponse(g, m.id(), null, m.error());
        } else {
            List<Message> members = ((Batch) message).members();
            if (dialect == Dialect.JSONRPC_1_0) {
                throw new CodecException("JSON-RPC 1.0 has no batches");
            }
            if (members.isEmpty()) {
                throw new CodecException("Cannot encode an empty batch (the specification makes [] invalid)");
            }
            g.writeStartArray(members, members.size());
            for (Message m : members) {
                write(g, m);
            }
            g.writeEndArray();
        }
    }

    private void writeCall(JsonGenerator g, String method, JsonNode params, Id id) throws IOException {
        g.writeStartObject();
        if (dialect != Dialect.JSONRPC_1_0) {
            g.writeFieldName(JSONRPC);
            g.writeString(VERSION);
        }
        g.writeFieldName(METHOD);
        g.writeString(method);
        boolean absent = params == null || params.isNull() || params.isMissingNode();
        if (dialect == Dialect.JSONRPC_1_0) {
            g.writeFieldName(PARAMS);
            if (absent) {
                g.writeStartArray();
                g.writeEndArray();
            } else if (params.isArray()) {
                writeNode(g, params);
            } else {
                throw new CodecException("JSON-RPC 1.0 has no named params (method '" + method + "')");
            }
        } else if (absent) {
            if (emptyParams == EmptyParams.EMPTY_OBJECT) {
                g.writeFieldName(PARAMS);
                g.writeStartObject();
                g.writeEndObject();
            } else if (emptyParams == EmptyParams.EMPTY_ARRAY) {
                g.writeFieldName(PARAMS);
                g.writeStartArray();
                g.writeEndArray();
            }
        } else if (params.isArray() || params.isObject()) {
            g.writeFieldName(PARAMS);
            writeNode(g, params);
        } else {
            throw new CodecException(
                    "params must be an array or an object, not " + params.getNodeType() + " (method '" + method + "')");
        }
        if (id != null) {
            g.writeFieldName(ID);
            writeId(g, id);
        } else if (dialect == Dialect.JSONRPC_1_0) {
            g.writeFieldName(ID);
            g.writeNull();
        }
        g.writeEndObject();
    }

    private void writeResponse(JsonGenerator g, Id id, JsonNode result, ErrorObject error) throws IOException {
        g.writeStartObject();
        boolean v10 = dialect == Dialect.JSONRPC_1_0;
        if (!v10) {
            g.writeFieldName(JSONRPC);
            g.writeString(VERSION);
        }
        if (error == null) {
            g.writeFieldName(RESULT);
            writeNode(g, result);
            if (v10) {
                g.writeFieldName(ERROR);
                g.writeNull();
            }
        } else {
            if (v10 || nullResultWithError) {
                g.writeFieldName(RESULT);
                g.writeNull();
            }
            g.writeFieldName(ERROR);
            g.writeStartObject();
            g.writeFieldName(CODE);
            g.writeNumber(error.code());
            g.writeFieldName(MESSAGE);
            g.writeString(error.message());
            if (error.data() != null) {
                g.writeFieldName(DATA);
                writeNode(g, error.data());
            } else if (nullErrorData) {
                g.writeFieldName(DATA);
                g.writeNull();
            }
            g.writeEndObject();
        }
        g.writeFieldName(ID);
        writeId(g, id);
        g.writeEndObject();
    }

    /**
     * Writes a tree through the generator: the standard node types directly (no per-call databind
     * set-up), anything else (POJO, binary nodes) through {@link JsonGenerator#writeTree}.
     */
    private static void writeNode(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT:
                g.writeStartObject(n, n.size());
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    writeNode(g, e.getValue());
                }
                g.writeEndObject();
                break;
            case ARRAY:
                int size = n.size();
                g.writeStartArray(n, size);
                for (int i = 0; i < size; i++) {
                    writeNode(g, n.get(i));
                }
                g.writeEndArray();
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
                break;
            default:
                g.writeTree(n);
        }
    }

    private static void writeId(JsonGenerator g, Id id) throws IOException {
        switch (id.kind()) {
            case STRING:
                g.writeString(id.text());
                break;
            case NUMBER:
                g.writeNumber(id.text());
                break;
            default:
                g.writeNull();
        }
    }

    // ---------------------------------------------------------------------------------- builder

    /** Builds a {@link JsonCodec}. Not thread-safe; every setting has a default. */
    public static final class Builder {
        private Limits limits = Limits.defaults();
        private Dialect dialect = Dialect.STRICT;
        private EmptyParams emptyParams = EmptyParams.OMIT;
        private boolean nullResultWithError;
        private boolean nullErrorData;

        private Builder() {}

        /** Limits enforced on decoding (and {@code maxFrameBytes} on encoding too). Default: defaults. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Which JSON-RPC flavour to read and write. Default: {@link Dialect#STRICT}. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * What to write when a request or notification has no params. Default: {@link
         * EmptyParams#OMIT}. Ignored by {@link Dialect#JSONRPC_1_0}, which always writes an array.
         */
        public Builder emptyParams(EmptyParams emptyParams) {
            this.emptyParams = Objects.requireNonNull(emptyParams, "emptyParams");
            return this;
        }

        /** Whether to write {@code "result": null} beside an error. Default: false. */
        public Builder nullResultWithError(boolean value) {
            this.nullResultWithError = value;
            return this;
        }

        /** Whether to write {@code "data": null} when an error has no data. Default: false. */
        public Builder nullErrorData(boolean value) {
            this.nullErrorData = value;
            return this;
        }

        public JsonCodec build() {
            return new JsonCodec(this);
        }
    }
}
