package dev.junction.zeromq.compat;

import dev.junction.IdGenerator;
import dev.junction.Limits;
import dev.junction.PeerBuilder;
import dev.junction.codec.Codec;
import dev.junction.codec.CodecProvider;
import dev.junction.codec.JsonCodec;
import dev.junction.message.Message;
import dev.junction.service.Services;

/**
 * JSON-RPC 2.0 as jsonrpc2-zeromq (Python) writes and reads it, selected with {@code
 * ?codec=jsonrpc2-zeromq}: one frame of JSON per message; {@code "params"} always present ({@code
 * {}} when there are none, as its client sends {@code args or kwargs}); error answers carry {@code
 * "result": null} and {@code "error": {"code", "message", "data": null}}; input read leniently
 * ({@code "result": null} beside an error, no {@code jsonrpc} member, integral float codes).
 *
 * <p>Two more habits of that library are the engine's, not a codec's; {@link #habits} sets both on
 * a builder: UUID-string request ids ({@link IdGenerator#uuid()}) and method names normalised as
 * its servers do ({@link Services#LOWER_SNAKE_CASE}: {@code Return-Null} reaches {@code
 * return_null}). Immutable and thread-safe.
 */
public final class JsonRpc2ZeroMqCodec implements Codec {
    /** The codec's name in URIs. */
    public static final String NAME = "jsonrpc2-zeromq";

    private final JsonCodec json;

    /** With {@code limits} enforced on what it decodes (and on the size of what it encodes). */
    public JsonRpc2ZeroMqCodec(Limits limits) {
        this.json = JsonCodec.builder()
                .limits(limits)
                .dialect(JsonCodec.Dialect.LENIENT)
                .emptyParams(JsonCodec.EmptyParams.EMPTY_OBJECT)
                .nullResultWithError(true)
                .nullErrorData(true)
                .build();
    }

    /**
     * Sets the habits of jsonrpc2-zeromq on {@code builder}: this codec, UUID ids and name
     * normalisation. Returns the builder.
     */
    public static <B extends PeerBuilder<B>> B habits(B builder) {
        return builder.codec(new JsonRpc2ZeroMqCodec(Limits.defaults()))
                .idGenerator(IdGenerator.uuid())
                .nameNormalizer(Services.LOWER_SNAKE_CASE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBinary() {
        return false;
    }

    @Override
    public Message decode(byte[] frame, int offset, int length) {
        return json.decode(frame, offset, length);
    }

    @Override
    public byte[] encode(Message message) {
        return json.encode(message);
    }

    @Override
    public String toString() {
        return "JsonRpc2ZeroMqCodec{" + json + "}";
    }

    /** Registers the codec under {@value #NAME} for {@link java.util.ServiceLoader}. */
    public static final class Provider implements CodecProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Codec create(Limits limits) {
            return new JsonRpc2ZeroMqCodec(limits);
        }
    }
}
