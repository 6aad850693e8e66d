package dev.junction.bridge.internal;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcContext;
import dev.junction.RpcPeer;
import dev.junction.service.Services;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One outbound connection per inbound connection, so that calls and notifications the downstream
 * sends back reach the inbound connection they belong to (forwarded by a {@link Forwarder} the
 * other way). The two live and die together: when either closes, the other is closed. Thread-safe.
 */
public final class PairedDownstreams implements Function<RpcContext, RpcPeer>, AutoCloseable {
    private final String from;
    private final String to;
    private final Supplier<Junction.ClientBuilder> builders;
    private final Counters counters;
    private final Map<RpcPeer, RpcClient> pairs = new IdentityHashMap<>();
    private boolean closed;

    public PairedDownstreams(String from, String to, Supplier<Junction.ClientBuilder> builders, Counters counters) {
        this.from = from;
        this.to = to;
        this.builders = builders;
        this.counters = counters;
    }

    @Override
    public synchronized RpcPeer apply(RpcContext context) {
        RpcPeer inbound = context.peer();
        RpcClient paired = pairs.get(inbound);
        if (paired != null) {
            return paired;
        }
        if (closed || !inbound.isOpen()) {
            throw new dev.junction.ConnectionClosedException("The inbound connection is closed");
        }
        Forwarder back = new Forwarder(from, ignored -> inbound, counters, false);
        RpcClient client = builders.get()
                .services(Services.builder().fallback(back).build())
                .connect(to);
        pairs.put(inbound, client);
        inbound.closeFuture().whenComplete((v, e) -> unpair(inbound));
        client.closeFuture().whenComplete((v, e) -> unpair(inbound));
        return client;
    }

    private void unpair(RpcPeer inbound) {
        RpcClient client;
        synchronized (this) {
            client = pairs.remove(inbound);
        }
        if (client != null) {
            client.close();
        }
        inbound.close();
    }

    @Override
    public void close() {
        Map<RpcPeer, RpcClient> all;
        synchronized (this) {
            closed = true;
            all = new IdentityHashMap<>(pairs);
            pairs.clear();
        }
        all.values().forEach(RpcClient::close);
    }
}
