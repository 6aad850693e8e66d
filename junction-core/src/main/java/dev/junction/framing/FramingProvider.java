package dev.junction.framing;

import java.util.Map;

/**
 * Makes a custom {@link Framing} by name, for {@link Framings#forName} and URIs ({@code
 * ?framing=NAME&...}). Found through {@link java.util.ServiceLoader}: register the implementation in
 * {@code META-INF/services/dev.junction.framing.FramingProvider}. A provider cannot replace a
 * built-in framing's name. Implementations are stateless and thread-safe.
 */
public interface FramingProvider {
    /** The name in URIs ({@code ?framing=NAME}), lower case. */
    String name();

    /**
     * A framing configured by {@code options}: every option of the endpoint, so ignore the ones that
     * are not yours.
     *
     * @throws IllegalArgumentException if an option has a bad value
     */
    Framing create(Map<String, String> options);
}
