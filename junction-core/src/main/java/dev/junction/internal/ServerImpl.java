package dev.junction.internal;

import dev.junction.RpcPeer;
import dev.junction.RpcServer;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import dev.junction.transport.TransportProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A server: its listeners and the peer of each accepted connection. Thread-safe. */
public final class ServerImpl implements RpcServer {
    private static final Logger log = LoggerFactory.getLogger(ServerImpl.class);

    private final Consumer<RpcPeer> onConnect;
    private final List<Listener> listeners = new ArrayList<>();
    private final Set<PeerEngine> peers = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    public ServerImpl(Consumer<RpcPeer> onConnect) {
        this.onConnect = onConnect;
    }

    /** Binds one endpoint. */
    public synchronized void bind(
            TransportProvider provider, Endpoint endpoint, TransportOptions options, PeerConfig config) {
        Listener listener = provider.listen(endpoint, options, connection -> accept(connection, config));
        listeners.add(listener);
        log.info("Listening on {}", listener.endpoint());
    }

    private void accept(Connection connection, PeerConfig config) {
        if (closing) {
            connection.close();
            return;
        }
        PeerEngine peer = PeerEngine.start(connection, config);
        peers.add(peer);
        peer.closeFuture().whenComplete((ok, error) -> peers.remove(peer));
        if (!peer.isOpen()) {
            peers.remove(peer);
        }
        try {
            onConnect.accept(peer);
        } catch (RuntimeException e) {
            log.warn("onConnect failed for {}", peer, e);
        }
    }

    @Override
    public synchronized List<Endpoint> endpoints() {
        List<Endpoint> result = new ArrayList<>();
        for (Listener l : listeners) {
            result.add(l.endpoint());
        }
        return result;
    }

    @Override
    public Collection<RpcPeer> peers() {
        return List.copyOf(peers);
    }

    @Override
    public void shutdown(java.time.Duration grace) {
        stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && peers.stream().anyMatch(p -> p.activeRequests() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    private void stopAccepting() {
        List<Listener> toClose;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            toClose = new ArrayList<>(listeners);
        }
        for (Listener l : toClose) {
            l.close();
        }
    }

    @Override
    public void close() {
        stopAccepting();
        for (PeerEngine peer : List.copyOf(peers)) {
            peer.close();
        }
        closed.countDown();
    }

    @Override
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public String toString() {
        return "RpcServer" + endpoints();
    }
}
