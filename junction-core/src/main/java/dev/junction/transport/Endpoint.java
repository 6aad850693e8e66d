package dev.junction.transport;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect or listen, parsed from one URI string: {@code
 * scheme://host[:port][/path][?option=value&...]}, as in {@code tcp://127.0.0.1:4000?framing=netstring},
 * {@code mem://calculator} or {@code zmq-router://*:5555}. The host may be a name, an IPv4 address,
 * a bracketed IPv6 address or {@code *}; options are the URI form of every builder setting.
 * Immutable.
 */
public final class Endpoint {
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final Map<String, String> options;

    private Endpoint(String scheme, String host, int port, String path, Map<String, String> options) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses {@code uri}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Endpoint parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("Not an endpoint URI (expected scheme://...): " + uri);
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = uri.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String hostPortPath = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = hostPortPath.startsWith("[")
                ? hostPortPath.indexOf('/', Math.max(0, hostPortPath.indexOf(']')))
                : hostPortPath.indexOf('/');
        String authority = pathStart < 0 ? hostPortPath : hostPortPath.substring(0, pathStart);
        String path = pathStart < 0 ? "" : hostPortPath.substring(pathStart);
        String host = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            port = parsePort(authority.substring(colon + 1), uri);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(scheme, host, port, path, parseQuery(query, uri));
    }

    private static int parsePort(String text, String uri) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad port '" + text + "' in " + uri);
        }
    }

    private static Map<String, String> parseQuery(String query, String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "true" : decode(pair.substring(eq + 1));
            if (options.put(key, value) != null) {
                throw new IllegalArgumentException("Option '" + key + "' given twice in " + uri);
            }
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String scheme() {
        return scheme;
    }

    /** The host: a name, an address (IPv6 without brackets), {@code *}, or a mem:// name. */
    public String host() {
        return host;
    }

    /** The port, or -1 when the URI gave none. */
    public int port() {
        return port;
    }

    /** The port, or {@code defaultPort} when the URI gave none. */
    public int port(int defaultPort) {
        return port < 0 ? defaultPort : port;
    }

    /** The path, starting with {@code /}, or empty. */
    public String path() {
        return path;
    }

    /** Every option, in the order given. */
    public Map<String, String> options() {
        return options;
    }

    /** One option's value, or null. */
    public String option(String name) {
        return options.get(name);
    }

    /** One option's value, or {@code defaultValue}. */
    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    /**
     * A duration option ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a number of
     * milliseconds), or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException naming the option when the value is not a duration
     */
    public java.time.Duration durationOption(String name, java.time.Duration defaultValue) {
        String text = options.get(name);
        return text == null ? defaultValue : parseDuration(name, text);
    }

    /**
     * Parses a duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a bare number of
     * milliseconds.
     *
     * @throws IllegalArgumentException naming {@code option} when the text is not a duration
     */
    public static java.time.Duration parseDuration(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        String[][] units = {{"ms", "MILLIS"}, {"s", "SECONDS"}, {"m", "MINUTES"}, {"h", "HOURS"}};
        try {
            for (String[] unit : units) {
                if (t.endsWith(unit[0])) {
                    long amount = Long.parseLong(
                            t.substring(0, t.length() - unit[0].length()).trim());
                    if (amount >= 0) {
                        return java.time.Duration.of(amount, java.time.temporal.ChronoUnit.valueOf(unit[1]));
                    }
                    throw new NumberFormatException();
                }
            }
            long ms = Long.parseLong(t);
            if (ms >= 0) {
                return java.time.Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Bad duration for option " + option + ": '" + text
                + "' (write 500ms, 30s, 2m, 1h or a number of milliseconds)");
    }

    /** This endpoint with another port (a listener reports the port it really bound). */
    public Endpoint withPort(int newPort) {
        return new Endpoint(scheme, host, newPort, path, options);
    }

    /** This endpoint with one option set. */
    public Endpoint withOption(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(name, value);
        return new Endpoint(scheme, host, port, path, copy);
    }

    /** The URI form; parsing it gives an equal endpoint. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        sb.append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
