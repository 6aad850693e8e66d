package dev.junction.transport;

import dev.junction.Limits;
import dev.junction.framing.Framing;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a transport needs besides the endpoint: limits, the framing for stream transports (null:
 * take the endpoint's {@code framing} option, else the codec's default), the connect timeout, and
 * transport-specific settings a builder passed through (TLS contexts, say). Immutable.
 */
public record TransportOptions(
        Limits limits, Framing framing, String codecName, Duration connectTimeout, Map<String, Object> extras) {
    public TransportOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(codecName, "codecName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        extras = Map.copyOf(extras);
    }

    /** Defaults: default limits, the endpoint's framing, JSON, a 10 s connect timeout. */
    public static TransportOptions defaults() {
        return new TransportOptions(Limits.defaults(), null, "json", Duration.ofSeconds(10), Map.of());
    }

    public TransportOptions withLimits(Limits newLimits) {
        return new TransportOptions(newLimits, framing, codecName, connectTimeout, extras);
    }

    public TransportOptions withFraming(Framing newFraming) {
        return new TransportOptions(limits, newFraming, codecName, connectTimeout, extras);
    }

    public TransportOptions withCodecName(String newCodecName) {
        return new TransportOptions(limits, framing, newCodecName, connectTimeout, extras);
    }

    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(limits, framing, codecName, timeout, extras);
    }

    /** A transport-specific setting, or null. */
    @SuppressWarnings("unchecked")
    public <T> T extra(String key) {
        return (T) extras.get(key);
    }
}
