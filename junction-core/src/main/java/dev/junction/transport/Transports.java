package dev.junction.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the {@link TransportProvider} for a URI scheme among those on the class path ({@link
 * ServiceLoader}). When none matches, the error names the artifact to add. Thread-safe.
 */
public final class Transports {
    private static final Map<String, String> ARTIFACTS = Map.ofEntries(
            Map.entry("tcp", "dev.junction:junction-netty"),
            Map.entry("tls", "dev.junction:junction-netty"),
            Map.entry("ws", "dev.junction:junction-netty"),
            Map.entry("wss", "dev.junction:junction-netty"),
            Map.entry("http", "dev.junction:junction-netty"),
            Map.entry("https", "dev.junction:junction-netty"),
            Map.entry("zmq", "dev.junction:junction-zeromq"),
            Map.entry("ipc", "dev.junction:junction-zeromq"),
            Map.entry("inproc", "dev.junction:junction-zeromq"));

    private static volatile Map<String, TransportProvider> providers;

    private Transports() {}

    /**
     * The provider for {@code scheme}.
     *
     * @throws IllegalArgumentException naming the artifact to add, or the schemes available
     */
    public static TransportProvider forScheme(String scheme) {
        TransportProvider provider = providers().get(scheme);
        if (provider != null) {
            return provider;
        }
        String artifact = ARTIFACTS.get(scheme);
        if (artifact == null && scheme.startsWith("zmq-")) {
            artifact = ARTIFACTS.get("zmq");
        }
        String available = "available here: " + new TreeSet<>(providers().keySet());
        if (artifact != null) {
            throw new IllegalArgumentException(
                    "No transport for " + scheme + "://: add " + artifact + " to the class path (" + available + ")");
        }
        throw new IllegalArgumentException("Unknown transport scheme '" + scheme + "' (" + available + ")");
    }

    /** Every scheme a provider on the class path serves. */
    public static List<String> schemes() {
        return List.copyOf(new TreeSet<>(providers().keySet()));
    }

    private static Map<String, TransportProvider> providers() {
        Map<String, TransportProvider> found = providers;
        if (found == null) {
            found = new HashMap<>();
            for (TransportProvider p : ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader())) {
                for (String s : p.schemes()) {
                    found.putIfAbsent(s, p);
                }
            }
            providers = found;
        }
        return found;
    }
}
