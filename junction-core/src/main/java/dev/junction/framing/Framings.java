package dev.junction.framing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The built-in framings, and lookup by name for URIs ({@code ?framing=netstring}). Names: {@code
 * newline} (the default for JSON), {@code rfc7464}, {@code netstring}, {@code content-length},
 * {@code frameless}, {@code terminator} (option {@code terminator}: the byte, as {@code 0x04} or
 * {@code 4}; default {@code 0x04}, EOT) and {@code bson}. Custom framings plug in through {@link
 * FramingProvider}. Every method is thread-safe.
 */
public final class Framings {
    /** The {@code terminator} framing's default byte: EOT. */
    public static final byte DEFAULT_TERMINATOR = 0x04;

    private static final Map<String, Function<Map<String, String>, Framing>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("newline", o -> newline());
        BUILT_IN.put("rfc7464", o -> rfc7464());
        BUILT_IN.put("netstring", o -> netstring());
        BUILT_IN.put("content-length", o -> contentLength());
        BUILT_IN.put("frameless", o -> frameless());
        BUILT_IN.put("terminator", o -> terminator(parseTerminator(o.get("terminator"))));
        BUILT_IN.put("bson", o -> bsonLength());
    }

    private Framings() {}

    /** Newline-delimited JSON: {@code payload \n}. */
    public static Framing newline() {
        return NewlineFraming.INSTANCE;
    }

    /** JSON text sequences (RFC 7464): {@code 0x1E payload 0x0A}. */
    public static Framing rfc7464() {
        return Rfc7464Framing.INSTANCE;
    }

    /** Netstrings: {@code LENGTH:payload,}. */
    public static Framing netstring() {
        return NetstringFraming.INSTANCE;
    }

    /** LSP-style headers: {@code Content-Length: N\r\n\r\n payload}. */
    public static Framing contentLength() {
        return ContentLengthFraming.INSTANCE;
    }

    /** Top-level JSON objects and arrays back to back. */
    public static Framing frameless() {
        return FramelessFraming.INSTANCE;
    }

    /** {@code payload terminator}. */
    public static Framing terminator(byte terminator) {
        return new TerminatorFraming(terminator);
    }

    /** BSON documents framed by their own int32 little-endian length prefix. */
    public static Framing bsonLength() {
        return BsonLengthFraming.INSTANCE;
    }

    /**
     * The framing called {@code name} (case-insensitive), configured by {@code options} (an
     * endpoint's URI options; options that are not the framing's are ignored; null means none).
     * Built-in names come first, then the {@link FramingProvider}s that {@link ServiceLoader} finds
     * through the thread's context class loader and this class's loader.
     *
     * @throws IllegalArgumentException if no framing has that name (the message lists every known
     *     name) or an option has a bad value
     */
    public static Framing forName(String name, Map<String, String> options) {
        if (name == null) {
            throw new IllegalArgumentException("framing name is null; known framings: " + String.join(", ", names()));
        }
        Map<String, String> opts = options == null ? Map.of() : options;
        String key = name.trim().toLowerCase(Locale.ROOT);
        Function<Map<String, String>, Framing> builtIn = BUILT_IN.get(key);
        if (builtIn != null) {
            return builtIn.apply(opts);
        }
        for (FramingProvider provider : providers()) {
            if (key.equals(provider.name().toLowerCase(Locale.ROOT))) {
                return provider.create(opts);
            }
        }
        throw new IllegalArgumentException(
                "unknown framing \"" + name + "\"; known framings: " + String.join(", ", names()));
    }

    /** Every known framing name: the built-in ones in a fixed order, then the providers'. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT_IN.keySet());
        for (FramingProvider provider : providers()) {
            String n = provider.name().toLowerCase(Locale.ROOT);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Parses a terminator option: {@code 0x..} hex or decimal, 0 to 255; null or blank gives {@link
     * #DEFAULT_TERMINATOR}.
     */
    static byte parseTerminator(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TERMINATOR;
        }
        String v = value.trim();
        int parsed;
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                parsed = Integer.parseInt(v.substring(2), 16);
            } else {
                parsed = Integer.parseInt(v);
            }
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 0 || parsed > 255 || v.startsWith("+") || v.startsWith("0x+") || v.startsWith("0X+")) {
            throw new IllegalArgumentException(
                    "bad terminator option \"" + value + "\": expected a byte as hex (0x04) or decimal (4), 0 to 255");
        }
        return (byte) parsed;
    }

    private static List<FramingProvider> providers() {
        List<FramingProvider> found = new ArrayList<>();
        List<Class<?>> seen = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = Framings.class.getClassLoader();
        for (ClassLoader loader : context == null || context == own ? List.of(own) : List.of(context, own)) {
            for (ServiceLoader.Provider<FramingProvider> p :
                    ServiceLoader.load(FramingProvider.class, loader).stream().toList()) {
                if (seen.contains(p.type())) {
                    continue;
                }
                seen.add(p.type());
                try {
                    found.add(p.get());
                } catch (ServiceConfigurationError e) {
                    throw new IllegalStateException(
                            "cannot load framing provider " + p.type().getName(), e);
                }
            }
        }
        return found;
    }
}
