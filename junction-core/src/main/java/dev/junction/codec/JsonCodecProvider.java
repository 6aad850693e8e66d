package dev.junction.codec;

import dev.junction.Limits;

/** Provides the {@link JsonCodec} (strict JSON-RPC 2.0) under the name {@code json}. */
public final class JsonCodecProvider implements CodecProvider {
    /** For {@link java.util.ServiceLoader}. */
    public JsonCodecProvider() {}

    @Override
    public String name() {
        return "json";
    }

    @Override
    public Codec create(Limits limits) {
        return limits.equals(Limits.defaults())
                ? JsonCodec.standard()
                : JsonCodec.builder().limits(limits).build();
    }
}
