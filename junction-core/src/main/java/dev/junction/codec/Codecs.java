package dev.junction.codec;

import dev.junction.Limits;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * Finds codecs by name among the {@link CodecProvider}s on the class path (through {@link
 * ServiceLoader}, using the thread's context class loader and this library's own).
 */
public final class Codecs {
    /** Codecs that Junction ships in modules of their own, by name: the artifact to add. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of("bson", "dev.junction:junction-bson");

    private Codecs() {}

    /**
     * A codec by name ({@code json}, or {@code bson} with junction-bson on the class path),
     * enforcing {@code limits}.
     *
     * @throws IllegalArgumentException if no provider has that name; the message lists the codecs
     *     that are available, and names the artifact to add when the codec is one Junction ships
     *     separately
     */
    public static Codec forName(String name, Limits limits) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        Map<String, CodecProvider> providers = providers();
        CodecProvider provider = providers.get(name.toLowerCase(Locale.ROOT));
        if (provider != null) {
            return provider.create(limits);
        }
        String available = String.join(", ", new TreeSet<>(providers.keySet()));
        String artifact = KNOWN_ARTIFACTS.get(name.toLowerCase(Locale.ROOT));
        if (artifact != null) {
            throw new IllegalArgumentException("Codec '" + name + "' is not on the class path: add the artifact "
                    + artifact + " (available codecs: " + available + ")");
        }
        throw new IllegalArgumentException("Unknown codec '" + name + "' (available codecs: " + available + ")");
    }

    /** The names of the codecs available on the class path, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(providers().keySet());
    }

    private static Map<String, CodecProvider> providers() {
        Map<String, CodecProvider> found = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            load(ServiceLoader.load(CodecProvider.class, context), found);
        }
        ClassLoader own = Codecs.class.getClassLoader();
        if (own != context) {
            load(ServiceLoader.load(CodecProvider.class, own), found);
        }
        return found;
    }

    private static void load(ServiceLoader<CodecProvider> loader, Map<String, CodecProvider> found) {
        var it = loader.iterator();
        for (int failures = 0; failures < 100; ) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                CodecProvider p = it.next();
                found.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
            } catch (ServiceConfigurationError e) {
                failures++;
                // A broken provider on the class path must not hide the others; skip it.
                LoggerFactory.getLogger(Codecs.class).warn("Skipping a codec provider that failed to load", e);
            }
        }
    }
}
