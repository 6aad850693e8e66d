package dev.junction.broker.internal;

import dev.junction.TransportException;
import dev.junction.transport.Endpoint;
import dev.junction.zeromq.internal.ZmqLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The broker's two ROUTER sockets: the frontend for clients and the backend for workers. Binds
 * them, reads whole multi-frame messages and sends without ever blocking (a message a full peer
 * cannot take is dropped, as ROUTER does). Loop thread only, after {@link #bind}.
 */
final class BrokerSockets {
    private static final Logger log = LoggerFactory.getLogger(BrokerSockets.class);
    private static final Set<String> SCHEMES = Set.of("zmq-router", "tcp", "ipc");

    private final ZmqLoop loop;
    private ZMQ.Socket frontend;
    private ZMQ.Socket backend;

    BrokerSockets(ZmqLoop loop) {
        this.loop = loop;
    }

    /**
     * Binds both sockets and registers their readers with the loop.
     *
     * @return the frontend and backend endpoints with their real ports
     * @throws TransportException if either cannot be bound (neither stays open then)
     */
    Endpoint[] bind(BrokerConfig config, Runnable onFrontendReadable, Runnable onBackendReadable) {
        String front = ZmqAddresses.of(config.frontend(), SCHEMES, true);
        String back = ZmqAddresses.of(config.backend(), SCHEMES, true);
        try {
            frontend = bind(config, config.frontend(), front);
            backend = bind(config, config.backend(), back);
        } catch (RuntimeException e) {
            close(0);
            throw e;
        }
        loop.register(frontend, onFrontendReadable, BrokerContext.kick());
        loop.register(backend, onBackendReadable, BrokerContext.kick());
        return new Endpoint[] {withRealPort(config.frontend(), frontend), withRealPort(config.backend(), backend)};
    }

    private static ZMQ.Socket bind(BrokerConfig config, Endpoint endpoint, String address) {
        ZMQ.Socket socket = BrokerContext.get().createSocket(SocketType.ROUTER);
        int hwm = Integer.parseInt(endpoint.option("hwm", "1000"));
        socket.setSndHWM(hwm);
        socket.setRcvHWM(hwm);
        socket.setLinger(Long.parseLong(endpoint.option("linger", "1000")));
        socket.setMaxMsgSize(config.limits().maxFrameBytes());
        socket.setRouterHandover(true);
        try {
            socket.bind(address);
        } catch (org.zeromq.ZMQException e) {
            socket.close();
            throw new TransportException("Cannot bind " + endpoint + " (" + address + "): " + e.getMessage(), e);
        }
        return socket;
    }

    private static Endpoint withRealPort(Endpoint endpoint, ZMQ.Socket socket) {
        String last = socket.getLastEndpoint();
        if (last == null || !last.startsWith("tcp://")) {
            return endpoint;
        }
        return endpoint.withPort(Integer.parseInt(last.substring(last.lastIndexOf(':') + 1)));
    }

    boolean isOpen() {
        return frontend != null;
    }

    /** The next whole message from a client, or null when none is waiting or the broker closed. */
    List<byte[]> receiveFromClient() {
        return receive(frontend);
    }

    /** The next whole message from a worker, or null when none is waiting or the broker closed. */
    List<byte[]> receiveFromWorker() {
        return receive(backend);
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket == null ? null : socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(4);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** Sends {@code payload} to the client behind {@code envelope} (its identity first). */
    void sendToClient(List<byte[]> envelope, byte[] payload) {
        if (frontend == null) {
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("To client {}: payload of {} byte(s)", Wire.hex(envelope.get(0)), payload.length);
        }
        for (byte[] frame : envelope) {
            if (!frontend.send(frame, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return;
            }
        }
        frontend.send(payload, ZMQ.DONTWAIT);
    }

    /** Sends {@code command}, the client's identity and (unless null) a payload to a worker. */
    void sendToWorker(WorkerState worker, byte[] command, byte[] client, byte[] payload) {
        if (payload == null) {
            sendToWorker(worker.identity, command, client);
        } else {
            sendToWorker(worker.identity, command, client, payload);
        }
    }

    /** Sends frames to the worker (registered or not) with this routing identity. */
    void sendToWorker(byte[] identity, byte[]... frames) {
        if (backend == null || !backend.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean more = i < frames.length - 1;
            if (!backend.send(frames[i], (more ? ZMQ.SNDMORE : 0) | ZMQ.DONTWAIT)) {
                return;
            }
        }
    }

    /** Unregisters and closes both sockets; a {@code linger} of -1 keeps each one's own. */
    void close(long linger) {
        for (ZMQ.Socket s : new ZMQ.Socket[] {frontend, backend}) {
            if (s != null) {
                loop.unregister(s);
                if (linger >= 0) {
                    s.setLinger(linger);
                }
                s.close();
            }
        }
        frontend = null;
        backend = null;
    }
}
