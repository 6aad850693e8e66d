package dev.junction.netty.internal;

import dev.junction.codec.Codec;
import dev.junction.codec.Codecs;
import dev.junction.codec.JsonCodec;
import dev.junction.netty.Authenticator;
import dev.junction.netty.NettyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of a {@code ws}, {@code wss}, {@code http} or {@code https} endpoint beyond the
 * common ones: path, subprotocol, compression, keep-alive pings, headers and credentials,
 * authenticator, CORS. Immutable.
 */
final class WebSettings {
    final Settings common;
    final String path;
    final String subprotocol;
    final boolean compression;
    final Duration pingInterval;
    final Duration pingTimeout;
    final Map<String, String> headers;
    final Authenticator authenticator;
    /** null: no CORS; empty: any origin ({@code *}); else the origins allowed. */
    final Set<String> corsOrigins;

    final int poolSize;
    final Codec codec;

    WebSettings(Settings s) {
        this.common = s;
        String p = s.endpoint.path();
        this.path = p.isEmpty() ? "/" : p;
        this.subprotocol = s.string(NettyOptions.SUBPROTOCOL);
        this.compression = s.bool(NettyOptions.COMPRESSION, true);
        this.pingInterval = s.duration(NettyOptions.PING_INTERVAL, Duration.ofSeconds(30));
        this.pingTimeout = s.duration(NettyOptions.PING_TIMEOUT, Duration.ofSeconds(30));
        this.headers = headers(s);
        Object auth = s.options.extra(NettyOptions.AUTHENTICATOR);
        if (auth != null && !(auth instanceof Authenticator)) {
            throw new IllegalArgumentException("Option authenticator must be a dev.junction.netty.Authenticator, not "
                    + auth.getClass().getName());
        }
        this.authenticator = (Authenticator) auth;
        String cors = s.string(NettyOptions.CORS);
        this.corsOrigins = cors == null
                ? null
                : cors.trim().equals("*")
                        ? Set.of()
                        : Arrays.stream(cors.split(","))
                                .map(String::trim)
                                .filter(o -> !o.isEmpty())
                                .collect(Collectors.toUnmodifiableSet());
        this.poolSize = s.integer(NettyOptions.POOL_SIZE, 32);
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be > 0: " + poolSize);
        }
        if (pingTimeout.isZero() && !pingInterval.isZero()) {
            throw new IllegalArgumentException("pingTimeout must be > 0 when pingInterval is set");
        }
        this.codec = codec(s);
    }

    /**
     * The codec named by the transport options, or null for a codec given to the builder that no
     * provider knows by name (the transport options carry only the name).
     */
    private static Codec codec(Settings s) {
        try {
            return Codecs.forName(s.options.codecName(), s.limits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether messages travel as binary frames and bodies: the codec says; a codec unknown by name
     * is taken as binary unless its name starts with {@code json}.
     */
    boolean binary() {
        return codec != null
                ? codec.isBinary()
                : !s().options.codecName().toLowerCase(java.util.Locale.ROOT).startsWith("json");
    }

    private Settings s() {
        return common;
    }

    /** The codec to look into bodies with: the named one, else JSON. */
    Codec codecOrJson() {
        return codec != null ? codec : JsonCodec.builder().limits(common.limits).build();
    }

    /** The content type of bodies: {@code application/json}, or {@code application/NAME} for a binary codec. */
    String contentType() {
        return binary()
                ? "application/" + common.options.codecName().toLowerCase(java.util.Locale.ROOT)
                : "application/json";
    }

    /** Whether the origin {@code origin} may call (true when CORS is off: browsers' same-origin rules apply). */
    boolean originAllowed(String origin) {
        return corsOrigins == null || corsOrigins.isEmpty() || origin == null || corsOrigins.contains(origin);
    }

    /** The extra headers a client sends: {@code headers}, {@code header.NAME} URI options, and credentials. */
    private static Map<String, String> headers(Settings s) {
        Map<String, String> h = new LinkedHashMap<>();
        Object given = s.options.extra(NettyOptions.HEADERS);
        if (given instanceof Map) {
            ((Map<?, ?>) given).forEach((k, v) -> h.put(k.toString(), v.toString()));
        } else if (given != null) {
            throw new IllegalArgumentException("Option headers must be a Map<String, String>");
        }
        s.endpoint.options().forEach((k, v) -> {
            if (k.startsWith("header.")) {
                h.put(k.substring("header.".length()), v);
            }
        });
        String token = s.string(NettyOptions.TOKEN);
        String user = s.string(NettyOptions.USER);
        if (token != null && user != null) {
            throw new IllegalArgumentException("Give either token or user/password, not both");
        }
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        } else if (user != null) {
            String password = s.string(NettyOptions.PASSWORD);
            String pair = user + ":" + (password == null ? "" : password);
            h.put(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Map.copyOf(h);
    }
}
