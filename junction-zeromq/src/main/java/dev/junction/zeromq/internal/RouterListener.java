package dev.junction.zeromq.internal;

import dev.junction.TransportException;
import dev.junction.transport.Connection;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.io.Metadata;

/**
 * A ROUTER socket serving many clients, one {@link Connection} per routing identity. Each inbound
 * message is {@code [identity, ...envelope, payload]}; the connection keeps the envelope of the
 * last message and sends every frame back behind exactly that envelope, so a REQ client (whose
 * envelope ends with an empty delimiter) and a DEALER client (no delimiter) each get what they
 * expect.
 *
 * <p>Lock-step peers: a peer whose envelope ends with the empty delimiter is a REQ socket (or a
 * DEALER speaking like one) and must get exactly one reply per message. A notification from it is
 * acknowledged at once with an empty payload; frames that are not answers are refused for it. In
 * {@code rep} mode (the {@code zmq-rep} scheme) every peer is treated so.
 *
 * <p>The socket lives on its own loop thread. Closing the listener stops accepting new identities;
 * the socket closes once the connections it made have closed too.
 */
final class RouterListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(RouterListener.class);
    private static final int EHOSTUNREACH = zmq.ZError.EHOSTUNREACH;

    private final ZmqLoop loop;
    private final ZmqSettings settings;
    private final boolean repMode;
    private final Consumer<Connection> onAccept;
    private final Messages messages;
    private final Map<ByteBuffer, Peer> peers = new HashMap<>(); // loop thread only
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Endpoint bound;
    private ZMQ.Socket socket; // loop thread only
    private boolean listening = true; // loop thread only
    private final int idleTimeout;
    private ZmqLoop.Timer idleSweep; // loop thread only

    RouterListener(ZmqSettings settings, boolean repMode, Consumer<Connection> onAccept) {
        this.settings = settings;
        this.repMode = repMode;
        this.onAccept = onAccept;
        this.messages = new Messages(settings.transportOptions());
        this.idleTimeout = settings.integer("idleTimeout", 0);
        this.loop = new ZmqLoop(repMode ? "rep" : "router");
        this.bound = loop.openOrStop(this::open);
    }

    private Endpoint open() {
        socket = ZmqSecurity.context(settings).getContext().socket(SocketType.ROUTER);
        try {
            settings.configure(socket);
            socket.setRouterMandatory(true);
            socket.setRouterHandover(true);
            Endpoint result = settings.attach(socket);
            loop.register(socket, this::onReadable, ZmqSecurity.kick(settings));
            if (idleTimeout > 0) {
                idleSweep = loop.schedule(sweepInterval(), this::forgetIdlePeers);
            }
            return result;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void onReadable() {
        for (int n = 0; n < ZmqLoop.maxBurst(); n++) {
            Msg first = socket.base().recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(3);
            frames.add(first.data());
            Msg last = first;
            while (last.hasMore()) {
                last = socket.base().recv(0);
                frames.add(last.data());
            }
            onMessage(frames, last.getMetadata());
        }
    }

    private void onMessage(List<byte[]> frames, Metadata metadata) {
        if (frames.size() < 2) {
            log.debug("Dropped a message without a payload frame on {}", bound);
            return;
        }
        ByteBuffer identity = ByteBuffer.wrap(frames.get(0));
        byte[] payload = frames.get(frames.size() - 1);
        List<byte[]> envelope = frames.subList(0, frames.size() - 1);
        if (!Control.isControl(payload)) {
            dev.junction.zeromq.compat.PyZmqRpcFormat.Inbound in =
                    settings.format().received(payload);
            if (in.reply() != null) {
                sendFrames(envelope, in.reply()); // refused by the wire format, before the engine
                return;
            }
            payload = in.frame();
        }
        Peer peer = peers.get(identity);
        if (Control.is(payload, Control.BYE)) {
            if (peer != null) {
                peer.remoteGone();
            }
            return;
        }
        if (peer == null && Control.startsWith(payload, Control.BYE_FOR)) {
            // a REQ client's fresh socket saying an old identity is gone: it is no client of its own
            // (a closing client sends only this), so no connection is made for it
            forgetIdentity(payload, null);
            if (envelope.size() > 1 && envelope.get(envelope.size() - 1).length == 0 || repMode) {
                sendFrames(envelope, new byte[0]);
            }
            return;
        }
        if (peer == null) {
            if (!listening) {
                log.debug("Dropped a message from a new client: {} no longer accepts", bound);
                return;
            }
            peer = new Peer(loop, identity, new ArrayList<>(envelope));
            peers.put(identity, peer);
            onAccept.accept(peer);
        }
        if (!sameFrames(peer.envelope, envelope)) {
            peer.envelope = new ArrayList<>(envelope);
        }
        peer.lastHeard = System.nanoTime();
        peer.saidHello |= Control.is(payload, Control.HELLO);
        if (metadata != null) {
            peer.principal(metadata.get(Metadata.USER_ID));
        }
        if (Control.isControl(payload)) {
            if (Control.startsWith(payload, Control.BYE_FOR)) {
                forgetIdentity(payload, peer);
            }
            if (peer.lockStep() && !Control.is(payload, Control.HELLO)) {
                sendFrames(peer.envelope, new byte[0]); // a REQ sender waits for a reply to anything
            }
            return; // HELLO, or a control message of a later version
        }
        if (idleTimeout > 0 && !peer.lockStep() && messages.expectsAnswer(payload)) {
            peer.answersOwed++;
        }
        if (peer.lockStep()) {
            if (messages.expectsAnswer(payload)) {
                peer.repliesOwed++;
            } else {
                sendFrames(peer.envelope, new byte[0]);
            }
        }
        peer.deliver(payload);
    }

    private static boolean sameFrames(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Closes the connection of the identity a {@code BYE-FOR} names, unless it is {@code sender}'s. */
    private void forgetIdentity(byte[] byeFor, Peer sender) {
        byte[] gone = java.util.Arrays.copyOfRange(byeFor, Control.BYE_FOR.length, byeFor.length);
        Peer old = peers.get(ByteBuffer.wrap(gone));
        if (old != null && old != sender) {
            old.remoteGone();
        }
    }

    /**
     * Sends {@code envelope + payload}; returns the ZeroMQ error number, or 0. Never blocks: a peer
     * at its high-water mark fails the routing frame with EAGAIN (ROUTER_MANDATORY) instead of
     * stalling the loop thread, and every other socket on it. Loop thread.
     */
    private int sendFrames(List<byte[]> envelope, byte[] payload) {
        if (socket == null) {
            return zmq.ZError.ETERM;
        }
        // JeroMQ's Socket.send throws for every error but EAGAIN (EHOSTUNREACH included, for a client
        // gone under ROUTER_MANDATORY); the socket's base returns false and leaves the error number
        for (byte[] frame : envelope) {
            if (!socket.base().send(new Msg(frame), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return socket.base().errno();
            }
        }
        return socket.base().send(new Msg(payload), ZMQ.DONTWAIT)
                ? 0
                : socket.base().errno();
    }

    private long sweepInterval() {
        return Math.max(10, idleTimeout / 4);
    }

    /**
     * The {@code idleTimeout} option: a peer that never said HELLO (a DEALER or REQ that is not
     * Junction, which will not say BYE either) is forgotten once silent that long with no answer owed
     * to it; if it talks again it is a new connection. Loop thread.
     */
    private void forgetIdlePeers() {
        long now = System.nanoTime();
        for (Peer peer : List.copyOf(peers.values())) {
            long silentMillis = (now - peer.lastHeard) / 1_000_000L;
            if (!peer.saidHello && peer.answersOwed == 0 && peer.repliesOwed == 0 && silentMillis >= idleTimeout) {
                log.info(
                        "{}: forgetting {}, silent for {} ms (idleTimeout={})",
                        bound,
                        peer.remoteAddress(),
                        silentMillis,
                        idleTimeout);
                peer.remoteGone();
            }
        }
        if (socket != null) {
            idleSweep = loop.schedule(sweepInterval(), this::forgetIdlePeers);
        }
    }

    private void forget(Peer peer) {
        peers.remove(peer.identity);
        maybeCloseSocket();
    }

    private void maybeCloseSocket() {
        if (!listening && peers.isEmpty() && socket != null) {
            if (idleSweep != null) {
                idleSweep.cancel();
            }
            ZmqSecurity.release(settings);
            loop.unregister(socket);
            socket.close();
            socket = null;
            loop.stop();
        }
    }

    @Override
    public Endpoint endpoint() {
        return bound;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            loop.execute(() -> {
                listening = false;
                maybeCloseSocket();
            });
            closed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** One client of the ROUTER, by routing identity. */
    private final class Peer extends ZmqConnection {
        private final ByteBuffer identity;
        private List<byte[]> envelope; // loop thread only
        private int repliesOwed; // loop thread only
        private int answersOwed; // loop thread only, counted with idleTimeout
        private long lastHeard = System.nanoTime(); // loop thread only
        private boolean saidHello; // loop thread only
        private boolean gone; // loop thread only

        Peer(ZmqLoop owner, ByteBuffer identity, List<byte[]> envelope) {
            super(owner, new ZmqAddress(bound.toString()), new ZmqAddress(bound + "#" + hex(identity)));
            this.identity = identity;
            this.envelope = envelope;
        }

        boolean lockStep() {
            return repMode || envelope.size() > 1 && envelope.get(envelope.size() - 1).length == 0;
        }

        @Override
        protected void write(byte[] frame, CompletableFuture<Void> result) {
            if (lockStep()) {
                if (repliesOwed == 0 || !messages.isAnswer(frame)) {
                    result.completeExceptionally(new TransportException(
                            "A REQ client takes only the answer to its request: cannot send it calls or notifications ("
                                    + remoteAddress() + ")"));
                    return;
                }
                repliesOwed--;
            } else if (answersOwed > 0 && messages.isAnswer(frame)) {
                answersOwed--;
            }
            int error = sendFrames(envelope, settings.format().answer(frame));
            if (error == 0) {
                result.complete(null);
            } else if (error == EHOSTUNREACH) {
                TransportException e = new TransportException("Client " + remoteAddress() + " is gone");
                result.completeExceptionally(e);
                remoteClosed(e);
            } else {
                result.completeExceptionally(
                        new TransportException("Cannot send to " + remoteAddress() + ": " + zmq.ZError.toString(error)
                                + (error == zmq.ZError.EAGAIN ? " (send queue full: see the hwm option)" : "")));
            }
        }

        void remoteGone() {
            gone = true;
            remoteClosed(null);
        }

        @Override
        protected void release(boolean orderly) {
            if (orderly && !gone && (!lockStep() || repliesOwed > 0)) {
                sendFrames(envelope, Control.BYE);
            }
            forget(this);
        }
    }

    static String hex(ByteBuffer identity) {
        StringBuilder sb = new StringBuilder();
        for (int i = identity.position(); i < identity.limit(); i++) {
            sb.append(String.format("%02x", identity.get(i)));
        }
        return sb.toString();
    }
}
