package dev.junction.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.junction.BatchBuilder;
import dev.junction.JunctionException;
import dev.junction.Params;
import dev.junction.RpcPeer;
import dev.junction.internal.service.ProxyFactory;
import dev.junction.transport.Attributes;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The public call API, written once over {@link PeerEngine} and a deadline. */
abstract class AbstractPeer implements RpcPeer {
    abstract PeerEngine engine();

    @Override
    public abstract Duration timeout();

    @Override
    public <T> T call(String method, Class<T> resultType, Object... params) {
        return await(engine().call(method, type(resultType), params, timeout(), true));
    }

    @Override
    public <T> T call(String method, TypeReference<T> resultType, Object... params) {
        return await(engine().call(method, type(resultType.getType()), params, timeout(), true));
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String method, Class<T> resultType, Object... params) {
        return engine().call(method, type(resultType), params, timeout(), false);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String method, TypeReference<T> resultType, Object... params) {
        return engine().call(method, type(resultType.getType()), params, timeout(), false);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String method, Type resultType, Params params) {
        return engine().call(method, type(resultType), params, timeout(), false);
    }

    @Override
    public void notify(String method, Object... params) {
        engine().sendNotification(method, Params.fromArgs(params));
    }

    @Override
    public BatchBuilder batch() {
        return new BatchBuilderImpl(engine(), timeout());
    }

    @Override
    public <T> T proxy(Class<T> iface) {
        return ProxyFactory.create(iface, this);
    }

    @Override
    public RpcPeer withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new TimeoutView(engine(), timeout);
    }

    @Override
    public SocketAddress remoteAddress() {
        return engine().connection().remoteAddress();
    }

    @Override
    public Optional<Principal> principal() {
        return engine().connection().principal();
    }

    @Override
    public Attributes attributes() {
        return engine().connection().attributes();
    }

    @Override
    public int pendingCalls() {
        return engine().pendingCalls();
    }

    @Override
    public boolean isOpen() {
        return engine().isOpenInternal();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return engine().closeFutureInternal();
    }

    @Override
    public void close() {
        engine().closeInternal();
    }

    JavaType type(Type type) {
        return engine().mapper().getTypeFactory().constructType(type);
    }

    /** Waits for a call, rethrowing its failure as the typed unchecked exception. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            if (future instanceof PendingCall && !((PendingCall) future).awaitDone()) {
                throw new InterruptedException();
            }
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new JunctionException("Interrupted while waiting for a call", e);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new JunctionException(String.valueOf(t), t);
    }

    static CancellationException cancelled(String what) {
        return new CancellationException(what);
    }
}
