package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.CodecException;
import dev.junction.codec.JsonCodec.Dialect;
import dev.junction.codec.JsonCodec.EmptyParams;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Encodes messages for {@link JsonCodec}, member by member with Jackson's generator. Immutable. */
final class JsonMessageWriter {
    // Pre-encoded, so that the envelope's names cost no encoding per message.
    private static final SerializableString VERSION = new SerializedString("2.0");
    private static final SerializableString METHOD = new SerializedString("method");
    private static final SerializableString PARAMS = new SerializedString("params");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString RESULT = new SerializedString("result");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString CODE = new SerializedString("code");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString DATA = new SerializedString("data");

    private final JsonFactory factory;
    private final int maxFrameBytes;
    private final Dialect dialect;
    private final EmptyParams emptyParams;
    private final boolean nullResultWithError;
    private final boolean nullErrorData;
    private final Protocol protocol;
    /** Reused generators for JSON text; null for other formats, which get a generator per message. */
    private final GeneratorPool generators;

    /** Takes the settings of the same names from {@link JsonCodec}. */
    JsonMessageWriter(
            JsonFactory factory,
            int maxFrameBytes,
            Dialect dialect,
            EmptyParams emptyParams,
            boolean nullResultWithError,
            boolean nullErrorData,
            Protocol protocol) {
        this.factory = factory;
        this.protocol = protocol;
        this.maxFrameBytes = maxFrameBytes;
        this.dialect = dialect;
        this.emptyParams = emptyParams;
        this.nullResultWithError = nullResultWithError;
        this.nullErrorData = nullErrorData;
        this.generators = protocol.jsonText ? new GeneratorPool(factory) : null;
    }

    /** The message as a new array; see {@link Codec#encode}. */
    byte[] write(Message message) {
        return generators != null ? writeReusing(message) : writeFresh(message);
    }

    /** JSON text: a pooled generator writes into its own array, copied out at the exact size. */
    private byte[] writeReusing(Message message) {
        GeneratorPool.Encoder e;
        try {
            e = generators.acquire();
            write(e.generator, message);
            e.generator.flush();
        } catch (CodecException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new CodecException("Cannot encode message as " + protocol.formatName + ": " + ex.getMessage(), ex);
        }
        int size = e.out.size();
        byte[] bytes = size > maxFrameBytes ? null : e.out.toByteArray();
        generators.release(e);
        if (bytes == null) {
            throw tooLong(size);
        }
        return bytes;
    }

    private CodecException tooLong(int size) {
        return new CodecException(
                "Encoded message of " + size + " bytes is longer than Limits.maxFrameBytes (" + maxFrameBytes + ")");
    }

    /** Other formats: a generator per message, writing into a builder from the factory's recycler. */
    private byte[] writeFresh(Message message) {
        BufferRecycler recycler = factory._getBufferRecycler();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator g = factory.createGenerator(out)) {
                write(g, message);
            }
            if (out.size() > maxFrameBytes) {
                throw tooLong(out.size());
            }
            return out.getClearAndRelease();
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("Cannot encode message as " + protocol.formatName + ": " + e.getMessage(), e);
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
            writeBatch(g, ((Batch) message).members());
        }
    }

    private void writeBatch(JsonGenerator g, List<Message> members) throws IOException {
        if (isV10()) {
            throw new CodecException("JSON-RPC 1.0 has no batches");
        }
        if (!protocol.batches) {
            throw new CodecException(
                    protocol.displayName + " has no batches: send the calls and notifications one by one");
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

    /** A request, or a notification when {@code id} is null. */
    private void writeCall(JsonGenerator g, String method, JsonNode params, Id id) throws IOException {
        writeStart(g);
        g.writeFieldName(METHOD);
        g.writeString(method);
        boolean absent = params == null || params.isNull() || params.isMissingNode();
        if (isV10()) {
            writeParams10(g, method, absent ? null : params);
        } else {
            writeParams(g, method, absent ? null : params);
        }
        if (id != null) {
            g.writeFieldName(ID);
            writeId(g, id);
        } else if (isV10()) { // 1.0 marks a notification with a null id
            g.writeFieldName(ID);
            g.writeNull();
        }
        g.writeEndObject();
    }

    /** 1.0 params: always present, always an array. */
    private void writeParams10(JsonGenerator g, String method, JsonNode params) throws IOException {
        boolean plain = protocol.jsonText;
        g.writeFieldName(PARAMS);
        if (params == null) {
            writeEmptyArray(g);
        } else if (params.isArray()) {
            JsonTreeWriter.writeTree(g, params, plain);
        } else {
            throw new CodecException("JSON-RPC 1.0 has no named params (method '" + method + "')");
        }
    }

    private void writeParams(JsonGenerator g, String method, JsonNode params) throws IOException {
        boolean plain = protocol.jsonText;
        if (params == null) {
            writeEmptyParams(g);
        } else if (params.isArray() || params.isObject()) {
            g.writeFieldName(PARAMS);
            JsonTreeWriter.writeTree(g, params, plain);
        } else {
            throw new CodecException(
                    "params must be an array or an object, not " + params.getNodeType() + " (method '" + method + "')");
        }
    }

    private void writeEmptyParams(JsonGenerator g) throws IOException {
        if (emptyParams == EmptyParams.EMPTY_OBJECT) {
            g.writeFieldName(PARAMS);
            g.writeStartObject();
            g.writeEndObject();
        } else if (emptyParams == EmptyParams.EMPTY_ARRAY) {
            g.writeFieldName(PARAMS);
            writeEmptyArray(g);
        }
    }

    private static void writeEmptyArray(JsonGenerator g) throws IOException {
        g.writeStartArray();
        g.writeEndArray();
    }

    /** A success when {@code error} is null, else an error answer. */
    private void writeResponse(JsonGenerator g, Id id, JsonNode result, ErrorObject error) throws IOException {
        writeStart(g);
        if (error == null) {
            g.writeFieldName(RESULT);
            JsonTreeWriter.writeTree(g, result, protocol.jsonText);
            if (isV10()) { // 1.0 responses carry both members, one of them null
                g.writeFieldName(ERROR);
                g.writeNull();
            }
        } else {
            if (isV10() || nullResultWithError) {
                g.writeFieldName(RESULT);
                g.writeNull();
            }
            writeError(g, error);
        }
        g.writeFieldName(ID);
        writeId(g, id);
        g.writeEndObject();
    }

    private void writeError(JsonGenerator g, ErrorObject error) throws IOException {
        g.writeFieldName(ERROR);
        g.writeStartObject();
        g.writeFieldName(CODE);
        g.writeNumber(error.code());
        g.writeFieldName(MESSAGE);
        g.writeString(error.message());
        if (error.data() != null) {
            g.writeFieldName(DATA);
            JsonTreeWriter.writeTree(g, error.data(), protocol.jsonText);
        } else if (nullErrorData) {
            g.writeFieldName(DATA);
            g.writeNull();
        }
        g.writeEndObject();
    }

    /** Opens the message object with the version member, which only 2.0 has. */
    private void writeStart(JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (!isV10()) {
            g.writeFieldName(protocol.versionMemberName);
            g.writeString(VERSION);
        }
    }

    // In JSON a long id (canonical form) is written from its long, so no text is made for it, and any
    // other number id's text, already a valid number (Id checks it), as is; other formats get a native
    // number: int32 or int64 where the value fits, else a big integer or decimal.
    private void writeId(JsonGenerator g, Id id) throws IOException {
        switch (id.kind()) {
            case STRING:
                g.writeString(id.text());
                break;
            case NUMBER:
                if (protocol.jsonText && id.isLong()) {
                    g.writeNumber(id.longValue()); // a counter's id: no text made for it
                } else if (protocol.jsonText) {
                    g.writeNumber(id.text());
                } else {
                    writeNativeNumber(g, id.text());
                }
                break;
            default:
                g.writeNull();
        }
    }

    private static void writeNativeNumber(JsonGenerator g, String text) throws IOException {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger v = new BigInteger(text);
            if (v.bitLength() < 32) {
                g.writeNumber(v.intValue());
            } else if (v.bitLength() < 64) {
                g.writeNumber(v.longValue());
            } else {
                g.writeNumber(v);
            }
        } else {
            g.writeNumber(new BigDecimal(text));
        }
    }

    private boolean isV10() {
        return dialect == Dialect.JSONRPC_1_0;
    }
}
