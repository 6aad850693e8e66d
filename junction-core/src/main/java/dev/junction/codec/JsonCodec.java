package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.Limits;
import dev.junction.message.Message;
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
 *       duplicate members (in the envelope, the error object, params, result and data; unknown
 *       envelope members are skipped unread), a top-level scalar, an empty batch, and every limit ({@code
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

    private static final JsonCodec STANDARD = builder().build();

    private final Limits limits;
    private final Dialect dialect;
    private final EmptyParams emptyParams;
    private final boolean nullResultWithError;
    private final boolean nullErrorData;
    private final JsonMessageReader reader;
    private final JsonMessageWriter writer;

    private JsonCodec(Builder b) {
        this.limits = b.limits;
        this.dialect = b.dialect;
        this.emptyParams = b.emptyParams;
        this.nullResultWithError = b.nullResultWithError;
        this.nullErrorData = b.nullErrorData;
        JsonFactory factory = newFactory(limits);
        this.reader = new JsonMessageReader(factory, limits, dialect, Protocol.JSON);
        this.writer = new JsonMessageWriter(
                factory,
                limits.maxFrameBytes(),
                dialect,
                emptyParams,
                nullResultWithError,
                nullErrorData,
                Protocol.JSON);
    }

    private static JsonFactory newFactory(Limits limits) {
        JsonFactory factory = new JsonCodecFactory(new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(Math.max(StreamWriteConstraints.DEFAULT_MAX_DEPTH, limits.maxNestingDepth()))
                        .build())
                // Duplicate members make a message ambiguous; the reader answers them with -32600.
                // Characters outside the BMP as 4-byte UTF-8, not as escaped surrogate pairs.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8));
        factory.setCodec(new ObjectMapper(factory)); // writeTree needs it for POJO and binary nodes
        return factory;
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

    /** The pool of readers of small frames (for tests). */
    ParserPool parserPool() {
        return reader.pool();
    }

    @Override
    public Message decode(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        return reader.read(frame, offset, length);
    }

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        return writer.write(message);
    }

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
