package dev.junction.zeromq.internal;

import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A subscriber ({@code zmq-sub}): receives the notifications of one or more publishers. Each
 * address (the URI's, then the {@code connect} list) gets its own SUB socket and its own {@link
 * SubEndpoint} connection, so each publisher's liveness is watched on its own: with {@code
 * heartbeatTimeout} (ms; or {@code heartbeatTimeouts}, one per address in that order) an endpoint
 * silent that long has its socket closed and re-created, while the others go on undisturbed.
 * Connects by default; with {@code bind=true} the URI's address is bound and publishers connect to
 * it (that endpoint is never re-created). All the sockets are owned by one loop thread; closing
 * the listener closes every endpoint.
 */
final class SubListener implements Listener {
    private final ZmqLoop loop;
    private final List<SubEndpoint> endpoints = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Endpoint bound;

    SubListener(ZmqSettings settings, Consumer<Connection> onAccept) {
        this.loop = new ZmqLoop("sub");
        List<String> addresses = new ArrayList<>();
        if (settings.hasPrimary()) {
            addresses.add(settings.primaryAddress());
        }
        addresses.addAll(settings.extraConnects());
        if (addresses.isEmpty()) {
            loop.stop();
            throw new IllegalArgumentException("A subscriber needs an address to connect to: " + settings.endpoint());
        }
        List<Integer> timeouts = timeouts(settings, addresses.size());
        Messages messages = new Messages(settings.transportOptions());
        for (int i = 0; i < addresses.size(); i++) {
            boolean binds = i == 0 && settings.hasPrimary() && settings.bind();
            endpoints.add(new SubEndpoint(loop, settings, messages, addresses.get(i), binds, timeouts.get(i), this));
        }
        bound = loop.openOrStop(this::openEndpoints);
        endpoints.forEach(onAccept);
    }

    /** Opens every endpoint's socket (loop thread); the first one's address is the reported one. */
    private Endpoint openEndpoints() {
        Endpoint first = null;
        try {
            for (SubEndpoint e : endpoints) {
                Endpoint reported = e.open();
                first = first == null ? reported : first;
            }
        } catch (RuntimeException e) {
            endpoints.forEach(SubEndpoint::abandon);
            throw e;
        }
        return first;
    }

    private static List<Integer> timeouts(ZmqSettings settings, int count) {
        int all = settings.integer("heartbeatTimeout", 0);
        List<Integer> result = new ArrayList<>();
        String each = settings.string("heartbeatTimeouts");
        String[] parts = each == null ? new String[0] : each.split(",");
        if (parts.length > count) {
            throw new IllegalArgumentException("heartbeatTimeouts lists " + parts.length + " values for " + count
                    + " addresses: " + settings.endpoint());
        }
        for (int i = 0; i < count; i++) {
            if (i < parts.length && !parts[i].isBlank()) {
                try {
                    result.add(Integer.parseInt(parts[i].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "heartbeatTimeouts must list integers, not '" + parts[i] + "': " + settings.endpoint());
                }
            } else {
                result.add(all);
            }
        }
        return result;
    }

    /** Called by an endpoint when it has closed; the loop stops after the last. Loop thread. */
    void endpointClosed(SubEndpoint endpoint) {
        endpoints.remove(endpoint);
        if (endpoints.isEmpty()) {
            closed.complete(null);
            loop.stop();
        }
    }

    @Override
    public Endpoint endpoint() {
        return bound;
    }

    @Override
    public void close() {
        loop.execute(() -> List.copyOf(endpoints).forEach(SubEndpoint::close));
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }
}
