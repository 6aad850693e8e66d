package dev.junction.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.CodecException;
import dev.junction.ConnectionClosedException;
import dev.junction.ErrorCodes;
import dev.junction.Interceptor;
import dev.junction.LimitExceededException;
import dev.junction.Params;
import dev.junction.RpcException;
import dev.junction.framing.FramingException;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC engine of one connection, identical on both sides: outbound calls with deadlines
 * ({@link PendingCalls}), inbound dispatch ({@link InboundDispatcher}), batches both ways,
 * interceptors, cancellation. See docs/concurrency.md for who owns which thread.
 *
 * <p>Inbound frames arrive on the transport thread one at a time; the engine decodes them there,
 * answers responses there, and hands requests to the executor (or runs non-blocking handlers
 * inline). Outbound calls may come from any thread.
 */
public final class PeerEngine extends AbstractPeer implements ConnectionHandler, dev.junction.RpcClient {
    static final Logger log = LoggerFactory.getLogger(PeerEngine.class);

    private final Connection connection;
    private final PeerConfig config;
    private final PendingCalls pending;
    private final InboundDispatcher dispatcher;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Throwable closeCause; // what broke the connection, for what is tried after
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final java.util.function.Consumer<Response> replier = this::reply;

    private PeerEngine(Connection connection, PeerConfig config) {
        this.connection = connection;
        this.config = config;
        this.pending = new PendingCalls(config, this::onDeadline, this::cancelOutbound);
        this.dispatcher = new InboundDispatcher(this, config);
    }

    /** Makes a peer over {@code connection} and starts reading from it. */
    public static PeerEngine start(Connection connection, PeerConfig config) {
        PeerEngine engine = new PeerEngine(connection, config);
        connection.start(engine);
        return engine;
    }

    @Override
    PeerEngine engine() {
        return this;
    }

    @Override
    public Duration timeout() {
        return config.defaultTimeout();
    }

    Connection connection() {
        return connection;
    }

    InboundDispatcher dispatcher() {
        return dispatcher;
    }

    ObjectMapper mapper() {
        return config.mapper();
    }

    /** The number of inbound requests being served now (for graceful shutdown and metrics). */
    public int activeRequests() {
        return dispatcher.active();
    }

    @Override
    public int pendingCalls() {
        return pending.size();
    }

    // ---- outbound ----

    <T> CompletableFuture<T> call(String method, JavaType type, Params params, Duration timeout, boolean direct) {
        return call(method, type, params, null, timeout, direct);
    }

    /**
     * A call whose params are the varargs of the public call methods, as {@link Params#fromArgs}
     * reads them, converted straight to a tree (no {@code Params} copy of the array on the way).
     */
    <T> CompletableFuture<T> call(String method, JavaType type, Object[] args, Duration timeout, boolean direct) {
        if (args != null && args.length == 1 && args[0] instanceof Params) {
            return call(method, type, (Params) args[0], null, timeout, direct);
        }
        return call(method, type, null, args, timeout, direct);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(
            String method, JavaType type, Params params, Object[] args, Duration timeout, boolean direct) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(closedError(closeCause));
        }
        if (!connection.canInitiate()) {
            return CompletableFuture.failedFuture(cannotInitiate(method));
        }
        JsonNode tree;
        PendingCall call;
        try {
            tree = params != null
                    ? params.toTree(config.mapper())
                    : args == null || args.length == 0 ? null : TreeValues.toArray(config.mapper(), args);
            call = pending.register(method, type, timeout, direct);
        } catch (IllegalArgumentException | LimitExceededException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (open.get()) {
            send(new Request(call.id, method, tree), call);
        } else {
            // closed between the check above and the registration: failAll may have missed it
            pending.fail(call.id, closedError(closeCause));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) call;
    }

    void sendNotification(String method, Params params) {
        if (!open.get()) {
            throw closedError(closeCause);
        }
        if (!connection.canInitiate()) {
            throw cannotInitiate(method);
        }
        send(
                new Notification(method, params.toTree(config.mapper())),
                error -> log.warn(
                        "Could not send notification '{}' to {}: {}",
                        method,
                        connection.remoteAddress(),
                        error.toString()));
    }

    /** Sends a batch whose calls are already registered; a failure fails them all. */
    void sendBatch(List<Message> members, List<PendingCall> calls) {
        if (!connection.canInitiate()) {
            calls.forEach(c -> pending.fail(c.id, cannotInitiate("batch")));
        } else if (open.get()) {
            send(new Batch(members), error -> calls.forEach(c -> pending.fail(c.id, error)));
        } else {
            calls.forEach(c -> pending.fail(c.id, closedError(closeCause)));
        }
    }

    PendingCall register(String method, JavaType type, Duration timeout) {
        return pending.register(method, type, timeout, false);
    }

    /** Forgets a registered call that was never sent. */
    void discard(PendingCall call) {
        pending.remove(call);
    }

    private void cancelOutbound(PendingCall call) {
        if (pending.remove(call) && config.cancelMethod() != null && open.get()) {
            sendQuietly(cancelNotification(call.id));
        }
    }

    private void onDeadline(PendingCall call) {
        if (config.cancelMethod() != null && open.get()) {
            sendQuietly(cancelNotification(call.id));
        }
    }

    private Notification cancelNotification(Id id) {
        var params = JsonNodeFactory.instance.objectNode();
        params.put("id", Long.parseLong(id.text())); // this peer's ids are always longs
        return new Notification(config.cancelMethod(), params);
    }

    private void sendQuietly(Message message) {
        send(message, error -> log.debug("Could not send {}: {}", message, error.toString()));
    }

    /** The failure handler of answers that were encoded: only the transport can fail them now. */
    private static final SendFailure ANSWER_WRITE_FAILED =
            error -> log.debug("Could not send an answer: {}", error.toString());

    /**
     * What to do when a message could not be sent: encoding, an interceptor or the transport failed.
     * It is also the handler of the transport's write future, so that sending allocates no lambda.
     */
    interface SendFailure extends java.util.function.BiConsumer<Object, Throwable> {
        void failed(Throwable cause);

        @Override
        default void accept(Object written, Throwable error) {
            if (error != null) {
                failed(error);
            }
        }
    }

    /**
     * Passes {@code message} through the outbound interceptors, encodes it and writes it. Failures
     * (an interceptor's RpcException, an encoding error, a transport error) go to {@code onFailure}.
     */
    private void send(Message message, SendFailure onFailure) {
        try {
            if (config.interceptors().isEmpty()) {
                write(message, onFailure);
            } else {
                InterceptorChain.run(
                        config.interceptors(), Interceptor.Direction.OUTBOUND, message, this, m -> write(m, onFailure));
            }
        } catch (RuntimeException e) {
            onFailure.failed(e);
        }
    }

    private void write(Message message, SendFailure onFailure) {
        whenWritten(connection.send(encode(message)), onFailure);
    }

    /** Tells {@code onFailure} if the write fails; an already written frame costs no callback. */
    private static void whenWritten(CompletableFuture<Void> written, SendFailure onFailure) {
        if (!written.isDone()) {
            written.whenComplete(onFailure);
        } else if (written.isCompletedExceptionally()) {
            try {
                written.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                onFailure.failed(e instanceof java.util.concurrent.CompletionException ? e.getCause() : e);
            }
        }
    }

    private byte[] encode(Message message) {
        byte[] frame = config.codec().encode(message);
        if (frame.length > config.limits().maxFrameBytes()) {
            throw new LimitExceededException(
                    "A message of " + frame.length + " bytes exceeds the limit of "
                            + config.limits().maxFrameBytes() + " bytes",
                    "maxFrameBytes");
        }
        return frame;
    }

    /**
     * Sends an answer; one that cannot be encoded is replaced by an internal error. Answers of a
     * peer that is closing are dropped: their connection is going away, and their callers have been
     * told.
     */
    void reply(Message answer) {
        if (!open.get()) {
            log.debug("Dropped an answer on a closing connection to {}", connection.remoteAddress());
            return;
        }
        if (!config.interceptors().isEmpty()) {
            send(answer, error -> answerFailed(answer, error));
            return;
        }
        byte[] frame;
        try {
            frame = encode(answer);
        } catch (RuntimeException e) {
            answerFailed(answer, e);
            return;
        }
        whenWritten(connection.send(frame), ANSWER_WRITE_FAILED);
    }

    private void answerFailed(Message answer, Throwable error) {
        if (error instanceof dev.junction.TransportException) {
            log.debug("Could not send an answer: {}", error.toString());
        } else if (answer instanceof Response && !((Response) answer).isError()) {
            log.warn("Could not encode the answer to {}", ((Response) answer).id(), error);
            reply(Response.failure(((Response) answer).id(), ErrorMapper.toError(error, config.exposeErrorDetails())));
        } else {
            log.warn("Could not send an answer", error);
        }
    }

    // ---- inbound ----

    @Override
    public void onFrame(byte[] frame) {
        Message message = config.codec().decode(frame);
        try {
            if (config.interceptors().isEmpty()) {
                route(message);
            } else {
                InterceptorChain.run(config.interceptors(), Interceptor.Direction.INBOUND, message, this, this::route);
            }
        } catch (RpcException e) {
            if (message instanceof Request) {
                reply(Response.failure(((Request) message).id(), e.error()));
            } else {
                log.debug("An interceptor refused {}: {}", message, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Inbound processing failed for a message", e);
            if (message instanceof Request) {
                reply(Response.failure(((Request) message).id(), ErrorObject.of(ErrorCodes.INTERNAL_ERROR)));
            }
        }
    }

    private void route(Message message) {
        if (message instanceof Request) {
            dispatcher.onRequest((Request) message, replier);
        } else if (message instanceof Notification) {
            dispatcher.onNotification((Notification) message);
        } else if (message instanceof Response) {
            onResponse((Response) message);
        } else if (message instanceof InvalidMessage) {
            onInvalid((InvalidMessage) message, replier);
        } else {
            onBatch(((Batch) message).members());
        }
    }

    private void onResponse(Response response) {
        if (!pending.answer(response)) {
            if (response.id().isNull() && response.isError()) {
                log.warn("The remote peer reported an error it could not tie to a call: {}", response.error());
            } else {
                log.debug("Dropped an answer to {}: no such call is pending (late or unknown)", response.id());
            }
        }
    }

    private void onInvalid(InvalidMessage invalid, java.util.function.Consumer<Response> reply) {
        if (!invalid.wasResponse()) {
            reply.accept(Response.failure(invalid.id(), invalid.error()));
        } else if (!pending.fail(
                invalid.id(),
                new CodecException("Invalid answer: " + invalid.error().message()))) {
            log.debug("Dropped an invalid answer: {}", invalid.error().message());
        }
    }

    private void onBatch(List<Message> members) {
        int answers = 0;
        for (Message m : members) {
            if (m instanceof Request || m instanceof InvalidMessage && !((InvalidMessage) m).wasResponse()) {
                answers++;
            }
        }
        BatchReplies replies = answers == 0 ? null : new BatchReplies(answers, this::reply);
        for (Message m : members) {
            if (m instanceof Request) {
                dispatcher.onRequest((Request) m, replies::add);
            } else if (m instanceof Notification) {
                dispatcher.onNotification((Notification) m);
            } else if (m instanceof Response) {
                onResponse((Response) m);
            } else if (m instanceof InvalidMessage) {
                onInvalid((InvalidMessage) m, r -> replies.add(r));
            }
        }
    }

    /**
     * A frame the framing refused. Where the stream carries on, the peer is told, with id null: an
     * oversize frame is an invalid request (-32600), a malformed one a parse error (-32700). A
     * fatal error gets no answer: the transport closes the connection.
     */
    @Override
    public void onFrameError(FramingException error) {
        log.debug("Refused a frame from {}: {}", connection.remoteAddress(), error.getMessage());
        if (error.isFatal()) {
            return;
        }
        int code = error.kind() == FramingException.Kind.OVERSIZE ? ErrorCodes.INVALID_REQUEST : ErrorCodes.PARSE_ERROR;
        reply(Response.failure(
                Id.NULL, ErrorObject.of(code, ErrorCodes.standardMessage(code) + ": " + error.getMessage())));
    }

    /** The link under a reconnecting connection dropped: calls in flight on it fail now. */
    @Override
    public void onLinkDown(Throwable cause) {
        String message = "Link to " + connection.remoteAddress() + " lost" + (cause == null ? "" : ": " + cause);
        pending.failAll(new dev.junction.TransportException(message, cause));
        dispatcher.cancelAll();
    }

    @Override
    public void onClose(Throwable cause) {
        closeNow(cause);
    }

    // ---- closing ----

    boolean isOpenInternal() {
        return open.get();
    }

    CompletableFuture<Void> closeFutureInternal() {
        return closed;
    }

    void closeInternal() {
        closeNow(null);
        connection.close();
    }

    private void closeNow(Throwable cause) {
        if (cause != null && open.get()) {
            closeCause = cause;
        }
        if (open.compareAndSet(true, false)) {
            pending.failAll(closedError(cause));
            dispatcher.cancelAll();
            connection.closeFuture().whenComplete((ok, error) -> closed.complete(null));
            if (cause != null) {
                log.debug("Connection to {} closed: {}", connection.remoteAddress(), cause.toString());
            }
        }
    }

    private dev.junction.TransportException cannotInitiate(String method) {
        return new dev.junction.TransportException("Cannot send '" + method + "' to " + connection.remoteAddress()
                + ": this connection carries only answers (the server end of an HTTP request)");
    }

    private ConnectionClosedException closedError(Throwable cause) {
        String message = "Connection to " + connection.remoteAddress() + " closed";
        return cause == null
                ? new ConnectionClosedException(message)
                : new ConnectionClosedException(message + ": " + cause, cause);
    }

    @Override
    public String toString() {
        return "RpcPeer[" + connection.remoteAddress() + (open.get() ? "" : ", closed") + "]";
    }
}
