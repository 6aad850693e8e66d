package dev.junction.bson;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.junction.Limits;
import dev.junction.codec.CodecProvider;
import dev.junction.codec.JacksonCodec;

/**
 * JSON-RPC 2.0 in CBOR (RFC 8949): the JSON codec's messages, {@code "jsonrpc": "2.0"} included,
 * as CBOR maps, and batches as CBOR arrays. Byte strings travel as {@code byte[]} (binary nodes).
 * Named {@code cbor} ({@code ?codec=cbor}); binary frames. The whole codec is this class: the proof
 * that {@link JacksonCodec} makes a Jackson format a one-class module. Immutable and thread-safe.
 */
public final class CborCodec extends JacksonCodec {
    public CborCodec(Limits limits) {
        super(JacksonCodec.builder("cbor", new CBORFactory())
                .limits(limits)
                .defaultFraming(dev.junction.framing.Framings.netstring()));
    }

    /** Provides {@link CborCodec} under the name {@code cbor}, for {@code ?codec=cbor}. */
    public static final class Provider implements CodecProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return "cbor";
        }

        @Override
        public CborCodec create(Limits limits) {
            return new CborCodec(limits);
        }
    }
}
