package dev.junction.internal.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.BatchBuilder;
import dev.junction.Params;
import dev.junction.RpcPeer;
import dev.junction.transport.Attributes;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread-safe peer that records what proxies send and answers with scripted futures (null by default). */
final class RecordingPeer implements RpcPeer {
    /** One message sent: a call (with its result type) or a notification (type null). */
    record Sent(String method, Type resultType, JsonNode params, boolean notification) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Queue<CompletableFuture<?>> answers = new ConcurrentLinkedQueue<>();

    /** The next call answers with {@code future}. */
    RecordingPeer answer(CompletableFuture<?> future) {
        answers.add(future);
        return this;
    }

    RecordingPeer answer(Object value) {
        return answer(CompletableFuture.completedFuture(value));
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> callAsync(String method, Type resultType, Params params) {
        sent.add(new Sent(method, resultType, params.toTree(MAPPER), false));
        CompletableFuture<?> answer = answers.poll();
        return answer == null ? CompletableFuture.completedFuture(null) : (CompletableFuture<T>) answer;
    }

    @Override
    public void notify(String method, Object... params) {
        sent.add(new Sent(method, null, Params.fromArgs(params).toTree(MAPPER), true));
    }

    @Override
    public String toString() {
        return "RecordingPeer";
    }

    @Override
    public <T> T call(String method, Class<T> resultType, Object... params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T call(String method, TypeReference<T> resultType, Object... params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String method, Class<T> resultType, Object... params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String method, TypeReference<T> resultType, Object... params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BatchBuilder batch() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T proxy(Class<T> iface) {
        return ProxyFactory.create(iface, this);
    }

    @Override
    public RpcPeer withTimeout(Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.empty();
    }

    @Override
    public Attributes attributes() {
        return new Attributes();
    }

    @Override
    public int pendingCalls() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public void close() {}
}
