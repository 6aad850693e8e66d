package dev.junction;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.junction.codec.Codec;
import dev.junction.codec.Codecs;
import dev.junction.codec.JsonCodec;
import dev.junction.framing.Framing;
import dev.junction.framing.Framings;
import dev.junction.internal.DefaultExecutors;
import dev.junction.internal.PeerConfig;
import dev.junction.service.MethodHandler;
import dev.junction.service.Services;
import dev.junction.transport.Endpoint;
import dev.junction.transport.TransportOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The settings servers and clients share: the services this side answers, how params are bound,
 * the codec and framing, limits, threads, deadlines, interceptors. Builders are not thread-safe;
 * what they build is.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PeerBuilder<B extends PeerBuilder<B>> {
    private final Services.Builder services = Services.builder();
    private final List<Interceptor> interceptors = new ArrayList<>();
    private ObjectMapper mapper;
    private Codec codec;
    private Framing framing;
    private Limits limits = Limits.defaults();
    private Executor executor;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean ordered;
    private String cancelMethod = "$/cancelRequest";
    private boolean exposeErrorDetails;
    private boolean directCallbacks;
    private IdGenerator idGenerator;
    private final Map<String, Object> transportOptions = new java.util.LinkedHashMap<>();

    PeerBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Answers the {@code @JsonRpcMethod} methods of {@code service}, in its {@code @JsonRpcService} namespace. */
    public B service(Object service) {
        services.service(service);
        return self();
    }

    /** Answers the {@code @JsonRpcMethod} methods of {@code service} in {@code namespace} ({@code app.users}). */
    public B service(String namespace, Object service) {
        services.service(namespace, service);
        return self();
    }

    /** Answers every method of {@code iface}, implemented by {@code impl}. */
    public <T> B service(Class<T> iface, T impl) {
        services.service(iface, impl);
        return self();
    }

    /** Answers {@code name} with a raw handler. */
    public B method(String name, MethodHandler handler) {
        services.method(name, handler);
        return self();
    }

    /** Answers {@code name} with a function of one param, bound to {@code paramType}. */
    public <P, R> B method(String name, Class<P> paramType, Function<P, R> function) {
        services.method(name, paramType, function);
        return self();
    }

    /**
     * Answers every request and notification that no registered method answers (instead of -32601);
     * the handler reads the name from {@link RpcContext#method()}. Bridges and proxies forward with
     * it. The engine's cancel notification never reaches it.
     */
    public B fallback(MethodHandler handler) {
        services.fallback(Objects.requireNonNull(handler, "handler"));
        return self();
    }

    /**
     * Looks up a received name that is not registered as {@code normalizer.apply(name)} too, e.g.
     * {@link Services#LOWER_SNAKE_CASE} so that {@code Return-Null} reaches {@code return_null}.
     */
    public B nameNormalizer(UnaryOperator<String> normalizer) {
        services.nameNormalizer(Objects.requireNonNull(normalizer, "normalizer"));
        return self();
    }

    /**
     * How outbound request ids are made (default: each connection counts 1, 2, 3...), e.g. {@link
     * IdGenerator#uuid()} for peers that expect UUID strings.
     */
    public B idGenerator(IdGenerator value) {
        this.idGenerator = Objects.requireNonNull(value, "idGenerator");
        return self();
    }

    /** Adds everything {@code more} answers. */
    public B services(Services more) {
        services.include(more);
        return self();
    }

    /** The mapper that binds params and results (default: Jackson's, ignoring unknown properties). */
    public B objectMapper(ObjectMapper objectMapper) {
        this.mapper = Objects.requireNonNull(objectMapper, "objectMapper");
        return self();
    }

    /** The codec (default JSON, or the endpoint's {@code codec} option). */
    public B codec(Codec value) {
        this.codec = Objects.requireNonNull(value, "codec");
        return self();
    }

    /** The framing for stream transports (default: the endpoint's {@code framing} option, else newline). */
    public B framing(Framing value) {
        this.framing = Objects.requireNonNull(value, "framing");
        return self();
    }

    public B limits(Limits value) {
        this.limits = Objects.requireNonNull(value, "limits");
        return self();
    }

    /**
     * Where handlers run (default: a virtual thread per task on Java 21+, else a shared bounded pool).
     * The caller keeps ownership: closing peers does not shut it down.
     */
    public B executor(Executor value) {
        this.executor = Objects.requireNonNull(value, "executor");
        return self();
    }

    /** The default deadline of outbound calls (30 s); zero means none. */
    public B timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value, "timeout");
        return self();
    }

    /** How long connecting may take (10 s). */
    public B connectTimeout(Duration value) {
        this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
        return self();
    }

    /** Run each connection's inbound requests one at a time, in arrival order (default: concurrently). */
    public B ordered(boolean value) {
        this.ordered = value;
        return self();
    }

    /**
     * The notification sent when a caller cancels a call or its deadline passes ({@code
     * $/cancelRequest} with {@code {"id": ...}}, as in LSP); null sends nothing.
     */
    public B cancelMethod(String value) {
        this.cancelMethod = value;
        return self();
    }

    /** Put an unexpected handler failure's class, message and stack on the wire (default: off). */
    public B exposeErrorDetails(boolean value) {
        this.exposeErrorDetails = value;
        return self();
    }

    /**
     * Complete async call futures on the transport thread, saving a thread hop; callbacks attached
     * to them then must not block (default: off, they complete on the executor).
     */
    public B directCallbacks(boolean value) {
        this.directCallbacks = value;
        return self();
    }

    /**
     * A transport-specific setting that has no URI form, such as a ready-made TLS context; the
     * transport's documentation lists the keys it reads. URI options of the endpoint still apply.
     */
    public B transportOption(String key, Object value) {
        transportOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** Adds an interceptor; they run in the order added. */
    public B interceptor(Interceptor value) {
        interceptors.add(Objects.requireNonNull(value, "interceptor"));
        return self();
    }

    /** The engine configuration for a connection to or from {@code endpoint}. */
    PeerConfig peerConfig(Endpoint endpoint) {
        Codec chosen = codecFor(endpoint);
        return new PeerConfig(
                services.build(),
                mapper == null ? defaultMapper(chosen) : mapper,
                chosen,
                executor == null ? DefaultExecutors.handlers() : executor,
                limits,
                endpoint == null ? timeout : endpoint.durationOption("timeout", timeout),
                ordered,
                cancelMethod,
                exposeErrorDetails,
                interceptors,
                directCallbacks,
                DefaultExecutors.deadlines(),
                idGenerator);
    }

    /**
     * The codec for {@code endpoint}: its {@code codec} option, else the builder's, else JSON; then
     * the JSON options {@code dialect} ({@code strict}, {@code lenient}, {@code jsonrpc1}) and
     * {@code emptyParams} ({@code omit}, {@code object}, {@code array}) when given.
     */
    private Codec codecFor(Endpoint endpoint) {
        String name = endpoint == null ? null : endpoint.option("codec");
        Codec chosen = name != null
                ? Codecs.forName(name, limits)
                : codec != null ? codec : JsonCodec.builder().limits(limits).build();
        String dialect = endpoint == null ? null : endpoint.option("dialect");
        String emptyParams = endpoint == null ? null : endpoint.option("emptyParams");
        if (dialect == null && emptyParams == null) {
            return chosen;
        }
        if (!(chosen instanceof JsonCodec)) {
            throw new IllegalArgumentException(
                    "The dialect and emptyParams options apply to the json codec only, not " + chosen.name());
        }
        JsonCodec.Builder json = ((JsonCodec) chosen).toBuilder();
        if (dialect != null) {
            json.dialect(UriOptions.dialect(dialect));
        }
        if (emptyParams != null) {
            json.emptyParams(UriOptions.emptyParams(emptyParams));
        }
        return json.build();
    }

    TransportOptions transportOptions(Endpoint endpoint, PeerConfig config) {
        Framing chosen = framing != null ? framing : config.codec().defaultFraming();
        if (endpoint.option("framing") != null) {
            chosen = Framings.forName(endpoint.option("framing"), endpoint.options());
        }
        Duration connect = endpoint.durationOption("connectTimeout", connectTimeout);
        return new TransportOptions(limits, chosen, config.codec().name(), connect, transportOptions);
    }

    /**
     * Jackson's mapper, ignoring unknown properties, with the modules the codec needs (BSON's
     * datetimes, say).
     */
    static ObjectMapper defaultMapper(Codec codec) {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModules(codec.mapperModules())
                .build();
    }
}
