package dev.junction.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Params;
import dev.junction.RpcClient;

/**
 * A {@link Caller} over a Junction {@link RpcClient}: each call is {@code callAsync(method,
 * JsonNode.class, params)}, so any number may be in flight. Owns the client.
 */
public final class JunctionCaller implements Caller {
    private final RpcClient client;
    private final String method;
    private final Params params;

    /** Calls {@code method} with {@code params} on {@code client}, which this caller closes. */
    public JunctionCaller(RpcClient client, String method, Params params) {
        this.client = client;
        this.method = method;
        this.params = params;
    }

    @Override
    public void call(Completion done) {
        client.callAsync(method, JsonNode.class, params).whenComplete((result, failure) -> done.done(failure));
    }

    @Override
    public void close() {
        client.close();
    }
}
