package dev.junction.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.IdGenerator;
import dev.junction.Interceptor;
import dev.junction.Limits;
import dev.junction.codec.Codec;
import dev.junction.service.Services;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything a {@link PeerEngine} is configured with, made by the public builders. Immutable.
 *
 * @param executor runs handlers (and async callbacks unless {@code directCallbacks})
 * @param ordered inbound requests run one at a time, in arrival order
 * @param cancelMethod the notification sent when a caller cancels (null: cancel locally only)
 * @param exposeErrorDetails put exception class and message of unexpected handler failures on the
 *     wire
 * @param directCallbacks complete async call futures on the transport thread (faster, but user
 *     callbacks then run there and must not block)
 */
public record PeerConfig(
        Services services,
        ObjectMapper mapper,
        Codec codec,
        Executor executor,
        Limits limits,
        Duration defaultTimeout,
        boolean ordered,
        String cancelMethod,
        boolean exposeErrorDetails,
        List<Interceptor> interceptors,
        boolean directCallbacks,
        DeadlineTimer timer,
        IdGenerator idGenerator) {
    public PeerConfig {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        interceptors = List.copyOf(interceptors);
        Objects.requireNonNull(timer, "timer");
    }
}
