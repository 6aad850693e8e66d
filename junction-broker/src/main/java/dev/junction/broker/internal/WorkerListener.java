package dev.junction.broker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.zeromq.internal.ZmqLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A worker's side of the broker: a DEALER socket connected to the broker's backend, on its own
 * {@link ZmqLoop}. It sends READY, then a heartbeat every interval; the broker's messages for a
 * client are delivered on that client's {@link WorkerConnection}, made on first sight and handed
 * to the server. When the broker falls silent for {@code liveness} intervals, says BYE, or asks WHO
 * (it does not know this worker), the worker closes its client connections (the requests they were
 * serving are cancelled: that broker has answered or forgotten them), re-creates its socket on
 * silence, and registers again.
 *
 * <p>Closing the listener tells the broker BYE (no new work); the requests in flight are still
 * answered, and the socket closes once the server has closed the connections too.
 */
public final class WorkerListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(WorkerListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerSettings settings;
    private final Consumer<Connection> onAccept;
    private final ZmqLoop loop = new ZmqLoop("worker");
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<ByteBuffer, WorkerConnection> connections = new HashMap<>(); // loop thread only
    private ZMQ.Socket socket; // loop thread only
    private boolean listening = true; // loop thread only
    private long lastHeardNanos; // loop thread only

    private WorkerListener(WorkerSettings settings, Consumer<Connection> onAccept) {
        this.settings = settings;
        this.onAccept = onAccept;
    }

    /** Connects to the broker and registers. */
    public static WorkerListener open(Endpoint endpoint, Consumer<Connection> onAccept) {
        WorkerListener listener = new WorkerListener(WorkerSettings.of(endpoint), onAccept);
        try {
            listener.loop.submit(listener::start).join();
        } catch (java.util.concurrent.CompletionException e) {
            listener.loop.stop();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return listener;
    }

    private Void start() {
        openSocket();
        loop.schedule(settings.heartbeatMillis(), this::tick);
        return null;
    }

    private void openSocket() {
        socket = BrokerContext.get().createSocket(SocketType.DEALER);
        socket.setIdentity(("w-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
        socket.setSndHWM(settings.hwm());
        socket.setRcvHWM(settings.hwm());
        socket.setLinger(settings.linger());
        socket.setReconnectIVL(100);
        socket.setReconnectIVLMax(1000);
        // JeroMQ 0.6.0 now and then leaves a fresh TCP link unregistered (junction-zeromq's README,
        // "A JeroMQ connect race"). The loop's PollerKick repairs that within ~100 ms; should the
        // kick be disabled (it logs so), the handshake timer still redoes the link within 5 s, not 30.
        socket.setHandshakeIvl(5000);
        socket.connect(settings.address());
        loop.register(socket, this::onReadable, BrokerContext.kick());
        lastHeardNanos = System.nanoTime();
        send(Wire.READY, ready());
    }

    private byte[] ready() {
        ObjectNode json = JSON.createObjectNode()
                .put("protocol", Wire.PROTOCOL)
                .put("name", settings.name())
                .put("capacity", settings.capacity())
                .put("heartbeatMillis", settings.heartbeatMillis());
        settings.idempotent().globs().forEach(json.putArray("idempotent")::add);
        try {
            return JSON.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onReadable() {
        for (int n = 0; n < 256 && socket != null; n++) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(3);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            lastHeardNanos = System.nanoTime();
            onMessage(frames);
        }
    }

    private void onMessage(List<byte[]> frames) {
        byte[] command = frames.get(0);
        if (Wire.is(command, Wire.REQUEST) && frames.size() == 3) {
            WorkerConnection connection = connectionFor(frames.get(1));
            if (connection != null) {
                connection.deliver(frames.get(2));
            }
        } else if (Wire.is(command, Wire.GONE) && frames.size() == 2) {
            WorkerConnection gone = connections.remove(ByteBuffer.wrap(frames.get(1)));
            if (gone != null) {
                gone.remoteClosed();
            }
        } else if (Wire.is(command, Wire.WHO) && listening) {
            log.info("Broker {} does not know worker {}: registering again", settings.endpoint(), settings.name());
            closeClients();
            send(Wire.READY, ready());
        } else if (Wire.is(command, Wire.LEAVE)) {
            log.info("Broker {} closed: worker {} waits for it to come back", settings.endpoint(), settings.name());
            closeClients();
        }
    }

    private WorkerConnection connectionFor(byte[] client) {
        ByteBuffer key = ByteBuffer.wrap(client);
        WorkerConnection connection = connections.get(key);
        if (connection == null && listening) {
            connection = new WorkerConnection(loop, this, client, settings.endpoint());
            connections.put(key, connection);
            onAccept.accept(connection);
        }
        return connection;
    }

    private void tick() {
        if (socket == null) {
            return;
        }
        long silentMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000L;
        if (listening && silentMillis > settings.heartbeatMillis() * settings.liveness()) {
            log.info(
                    "Broker {} silent for {} ms: worker {} reconnects",
                    settings.endpoint(),
                    silentMillis,
                    settings.name());
            closeClients();
            loop.unregister(socket);
            socket.setLinger(0);
            socket.close();
            openSocket();
        } else {
            send(Wire.HEARTBEAT);
        }
        loop.schedule(settings.heartbeatMillis(), this::tick);
    }

    private void closeClients() {
        List<WorkerConnection> all = new ArrayList<>(connections.values());
        connections.clear();
        all.forEach(WorkerConnection::remoteClosed);
    }

    /** Sends one frame a server wrote for {@code client}. Loop thread. */
    void sendOut(byte[] client, byte[] payload) {
        send(Wire.OUT, client, payload);
    }

    /** The server closed its connection to {@code client}. Loop thread. */
    void forget(WorkerConnection connection) {
        connections.remove(connection.key(), connection);
        maybeCloseSocket();
    }

    private void send(byte[]... frames) {
        if (socket == null) {
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            int flags = (i < frames.length - 1 ? ZMQ.SNDMORE : 0) | ZMQ.DONTWAIT;
            if (!socket.send(frames[i], flags)) {
                log.debug("Worker {} could not send to the broker: {}", settings.name(), socket.errno());
                return;
            }
        }
    }

    private void maybeCloseSocket() {
        if (!listening && connections.isEmpty() && socket != null) {
            loop.unregister(socket);
            socket.close();
            socket = null;
            loop.stop();
        }
    }

    @Override
    public Endpoint endpoint() {
        return settings.endpoint();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            loop.execute(() -> {
                if (listening) {
                    listening = false;
                    send(Wire.LEAVE);
                }
                maybeCloseSocket();
            });
            closed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public String toString() {
        return "WorkerListener[" + settings.name() + " -> " + settings.endpoint() + "]";
    }
}
