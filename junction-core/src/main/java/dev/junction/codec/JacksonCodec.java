package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.Limits;
import dev.junction.codec.JsonCodec.Dialect;
import dev.junction.codec.JsonCodec.EmptyParams;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A codec for any format that Jackson streams ({@link JsonFactory} subclasses such as CBOR's,
 * Smile's or bson4jackson's): the messages of JSON-RPC 2.0, member by member, in that format, read
 * and written exactly as {@link JsonCodec} reads and writes strict JSON-RPC 2.0 (the same checks,
 * the same {@link InvalidMessage} answers, only {@code params}, {@code result} and {@code
 * error.data} built as trees). A binary codec is then one small class:
 *
 * <pre>{@code
 * public final class CborCodec extends JacksonCodec {
 *     public CborCodec(Limits limits) {
 *         super(JacksonCodec.builder("cbor", new CBORFactory()).limits(limits));
 *     }
 * }
 * }</pre>
 *
 * <p>What differs between formats is set on the {@link Builder}: the name, whether frames are
 * binary, the protocol's version member ({@code "jsonrpc"}, or {@code "bsonrpc"} for BSON-RPC) and
 * whether batches exist (when not, encoding a batch throws {@link dev.junction.CodecException} and
 * an inbound top-level array is answered {@code -32600}). Numeric ids are written as native numbers:
 * int32 or int64 where they fit, else a big integer or a decimal as the format writes them. Values
 * of the format's own types (binary, datetimes...) become {@code BinaryNode}s ({@code byte[]}) and
 * {@code POJONode}s holding the parser's value, and are written back through the factory's {@link
 * ObjectMapper}.
 *
 * <p>Subclasses may override {@link #decode(byte[], int, int)} to check a frame before it is parsed
 * (answering with {@link #parseError} or {@link #invalidRequest}), and {@link #encode} to check
 * what was written. Immutable and thread-safe once built.
 */
public class JacksonCodec implements Codec {
    private final String name;
    private final boolean binary;
    private final Limits limits;
    private final JsonFactory factory;
    private final List<Module> mapperModules;
    private final dev.junction.framing.Framing defaultFraming;
    private final JsonMessageReader reader;
    private final JsonMessageWriter writer;

    /** Builds the codec from {@code b}, configuring the builder's factory for the limits. */
    protected JacksonCodec(Builder b) {
        this.name = b.name;
        this.binary = b.binary;
        this.limits = b.limits;
        this.factory = b.factory;
        this.mapperModules = List.copyOf(b.mapperModules);
        this.defaultFraming = b.defaultFraming;
        configure(factory, limits);
        String format = name.toUpperCase(Locale.ROOT);
        Protocol protocol = new Protocol(format, b.protocolName, b.versionMember, b.batches, false);
        this.reader = new JsonMessageReader(factory, limits, Dialect.STRICT, protocol);
        this.writer = new JsonMessageWriter(
                factory, limits.maxFrameBytes(), Dialect.STRICT, EmptyParams.OMIT, false, false, protocol);
    }

    /**
     * A builder for a codec called {@code name} on {@code factory}. The codec takes the factory over:
     * it sets the factory's read constraints to the limits (nesting depth, string length; formats
     * whose parsers ignore them must check these themselves) and, unless the factory already has one,
     * an {@link ObjectMapper} as its codec (needed to write POJO nodes). Pass a factory of its own.
     */
    public static Builder builder(String name, JsonFactory factory) {
        return new Builder(name, factory);
    }

    private static void configure(JsonFactory factory, Limits limits) {
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .build());
        factory.setStreamWriteConstraints(StreamWriteConstraints.builder()
                .maxNestingDepth(Math.max(StreamWriteConstraints.DEFAULT_MAX_DEPTH, limits.maxNestingDepth()))
                .build());
        if (factory.getCodec() == null) {
            factory.setCodec(new ObjectMapper(factory));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isBinary() {
        return binary;
    }

    /** The limits enforced on decoding (and {@code maxFrameBytes} on encoding too). */
    public Limits limits() {
        return limits;
    }

    @Override
    public List<Module> mapperModules() {
        return mapperModules;
    }

    @Override
    public dev.junction.framing.Framing defaultFraming() {
        return defaultFraming;
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

    /** A {@code -32700} answer (id null) worded as the JSON codec words them: {@code Parse error: reason}. */
    protected static InvalidMessage parseError(String reason) {
        return DecodeFailure.parseError(reason);
    }

    /** A {@code -32600} answer (id null): {@code Invalid Request: reason}. */
    protected static InvalidMessage invalidRequest(String reason) {
        return DecodeFailure.invalidRequest(reason);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + name + ", " + limits + "}";
    }

    /** Builds a {@link JacksonCodec} (or the settings of a subclass). Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final JsonFactory factory;
        private boolean binary = true;
        private Limits limits = Limits.defaults();
        private String versionMember = "jsonrpc";
        private String protocolName = "JSON-RPC";
        private boolean batches = true;
        private List<Module> mapperModules = List.of();
        private dev.junction.framing.Framing defaultFraming = dev.junction.framing.Framings.newline();

        private Builder(String name, JsonFactory factory) {
            this.name = Objects.requireNonNull(name, "name");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Whether frames are binary (default true). */
        public Builder binary(boolean value) {
            this.binary = value;
            return this;
        }

        /** Limits enforced on decoding (and {@code maxFrameBytes} on encoding). Default: defaults. */
        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * The protocol: the member that carries {@code "2.0"} and the name used in error messages.
         * Default: {@code "jsonrpc"}, {@code "JSON-RPC"}.
         */
        public Builder protocol(String versionMember, String displayName) {
            this.versionMember = Objects.requireNonNull(versionMember, "versionMember");
            this.protocolName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /** Whether batches (top-level arrays) exist in this protocol. Default: true. */
        public Builder batches(boolean value) {
            this.batches = value;
            return this;
        }

        /** Jackson modules a peer's mapper needs for this format's values; see {@link Codec#mapperModules}. */
        public Builder mapperModules(List<Module> value) {
            this.mapperModules = List.copyOf(value);
            return this;
        }

        /** The framing on stream transports when the endpoint names none (default: newline). */
        public Builder defaultFraming(dev.junction.framing.Framing value) {
            this.defaultFraming = java.util.Objects.requireNonNull(value, "defaultFraming");
            return this;
        }

        public JacksonCodec build() {
            return new JacksonCodec(this);
        }
    }
}
