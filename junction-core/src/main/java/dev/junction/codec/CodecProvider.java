package dev.junction.codec;

import dev.junction.Limits;

/**
 * Makes codecs by name, found through {@link java.util.ServiceLoader} (register in {@code
 * META-INF/services/dev.junction.codec.CodecProvider}). Implementations are stateless and
 * thread-safe.
 */
public interface CodecProvider {
    /** The name in URIs ({@code ?codec=NAME}). */
    String name();

    /** A codec enforcing {@code limits} on what it decodes. */
    Codec create(Limits limits);
}
