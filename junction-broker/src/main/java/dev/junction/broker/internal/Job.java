package dev.junction.broker.internal;

import dev.junction.message.Id;
import java.util.List;

/**
 * A message from a client on its way to a worker: a request, a batch holding requests (both
 * expect one answer), or a notification (expects none). Loop thread only.
 */
final class Job {
    final ClientState client;
    final List<byte[]> envelope;
    final byte[] payload;
    /** The ids of the requests in it, each registered in flight while the job lives. */
    final List<Id> ids;

    final List<String> methods;
    final boolean batch;
    WorkerState worker;
    int attempts;
    long queuedNanos;

    Job(ClientState client, byte[] payload, List<Id> ids, List<String> methods, boolean batch) {
        this.client = client;
        this.envelope = client.envelope;
        this.payload = payload;
        this.ids = ids;
        this.methods = methods;
        this.batch = batch;
    }

    boolean expectsAnswer() {
        return !ids.isEmpty();
    }

    /** {@code 'calc.add'}, or {@code a batch of 3 ('a', 'b', ...)}. */
    String describe() {
        if (!batch) {
            return "'" + methods.get(0) + "'";
        }
        return "a batch of " + methods.size() + " ("
                + String.join(
                        ", ", methods.stream().limit(3).map(m -> "'" + m + "'").toList())
                + (methods.size() > 3 ? ", ..." : "") + ")";
    }
}
