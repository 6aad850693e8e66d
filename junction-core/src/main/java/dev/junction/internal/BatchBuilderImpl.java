package dev.junction.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.junction.BatchBuilder;
import dev.junction.BatchResult;
import dev.junction.LimitExceededException;
import dev.junction.Params;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Collects a batch, then registers its calls and sends it as one message. Not thread-safe. */
final class BatchBuilderImpl implements BatchBuilder {
    private final PeerEngine engine;
    private final Duration timeout;
    private final List<Entry> entries = new ArrayList<>();
    private boolean sent;

    private static final class Entry {
        final String method;
        final JavaType type;
        final Params params;
        final CompletableFuture<Object> result;

        Entry(String method, JavaType type, Params params, CompletableFuture<Object> result) {
            this.method = method;
            this.type = type;
            this.params = params;
            this.result = result;
        }
    }

    BatchBuilderImpl(PeerEngine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    public <T> CompletableFuture<T> call(String method, Class<T> resultType, Object... params) {
        return add(method, engine.type(resultType), params);
    }

    @Override
    public <T> CompletableFuture<T> call(String method, TypeReference<T> resultType, Object... params) {
        return add(method, engine.type(resultType.getType()), params);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> add(String method, JavaType type, Object[] params) {
        checkNotSent();
        CompletableFuture<Object> result = new CompletableFuture<>();
        entries.add(new Entry(method, type, Params.fromArgs(params), result));
        return (CompletableFuture<T>) (CompletableFuture<?>) result;
    }

    @Override
    public BatchBuilder notify(String method, Object... params) {
        checkNotSent();
        entries.add(new Entry(method, null, Params.fromArgs(params), null));
        return this;
    }

    @Override
    public BatchResult send() {
        return AbstractPeer.await(sendAsync());
    }

    @Override
    public CompletableFuture<BatchResult> sendAsync() {
        checkNotSent();
        if (entries.isEmpty()) {
            throw new IllegalStateException("A batch needs at least one call or notification");
        }
        sent = true;
        List<Message> members = new ArrayList<>(entries.size());
        List<PendingCall> calls = new ArrayList<>();
        List<CompletableFuture<?>> results = new ArrayList<>();
        try {
            for (Entry e : entries) {
                var tree = e.params.toTree(engine.mapper());
                if (e.type == null) {
                    members.add(new Notification(e.method, tree));
                    continue;
                }
                PendingCall call = engine.register(e.method, e.type, timeout);
                calls.add(call);
                results.add(e.result);
                call.whenComplete((v, t) -> settle(e.result, v, t));
                members.add(new Request(call.id, e.method, tree));
            }
        } catch (IllegalArgumentException | LimitExceededException error) {
            calls.forEach(engine::discard);
            return CompletableFuture.failedFuture(error);
        }
        engine.sendBatch(members, calls);
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
                .handle((ok, error) -> new BatchResult(results));
    }

    private static void settle(CompletableFuture<Object> result, Object value, Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(value);
        }
    }

    private void checkNotSent() {
        if (sent) {
            throw new IllegalStateException("This batch was already sent");
        }
    }
}
