package dev.junction.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.junction.message.Id;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/** One outbound call awaiting its answer. Fields are set before the call is published. */
final class PendingCall {
    final Id id;
    final String method;
    final JavaType resultType;
    final CallFuture<Object> future;
    final Duration timeout;
    final boolean direct;
    volatile ScheduledFuture<?> deadline;

    PendingCall(
            Id id, String method, JavaType resultType, CallFuture<Object> future, Duration timeout, boolean direct) {
        this.id = id;
        this.method = method;
        this.resultType = resultType;
        this.future = future;
        this.timeout = timeout;
        this.direct = direct;
    }
}
