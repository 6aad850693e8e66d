package dev.junction.zeromq.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.TransportException;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A REQ client, lock-step: one message on the wire at a time, the others queued in send order, from
 * whatever threads sent them. Every message gets one reply: the answer to a request, an empty
 * acknowledgement for a notification.
 *
 * <p>Lazy pirate: when no reply comes within {@code requestTimeout} ms, the socket is closed and
 * re-created (a REQ socket cannot send again before its reply) and the message is sent again, up to
 * {@code retries} times; then the call fails with {@link DeadlineExceededException} through the
 * future {@link #send} returned (the engine fails that one call with it) and the next message goes.
 * With several endpoints ({@code connect=}) ZeroMQ deals requests round-robin; each re-created socket
 * connects them starting one further along, so a retry goes to the next endpoint.
 *
 * <p>When the engine gives up on the call on the wire first (its own deadline or a cancel), its
 * cancel notification ({@code $/cancelRequest}, or the {@code cancelMethod} option) abandons that
 * attempt at once the same way; the notification itself is not sent, since the new socket is a new
 * client to the server.
 */
final class ReqConnection extends ZmqConnection {
    private record Out(byte[] frame, CompletableFuture<Void> result, Request request) {}

    private final ZmqSettings settings;
    private final Messages messages;
    private final int requestTimeout;
    private final int retries;
    private final String cancelMethod;
    private final List<String> addresses;
    private final ArrayDeque<Out> queue = new ArrayDeque<>();
    private ZMQ.Socket socket;
    private ZmqSecurity.Watch handshake = ZmqSecurity.Watch.NONE;
    private byte[] identity;
    private Out current;
    private int attempt;
    private int rotation;
    private ZmqLoop.Timer timer;
    private boolean closing; // closed in order, waiting for the reply owed on the wire to say BYE
    private boolean knownToServer; // this socket sent something other than BYE-FOR

    private ReqConnection(ZmqSettings settings, ZmqLoop loop) {
        super(
                loop,
                new ZmqAddress("zmq-req:local"),
                new ZmqAddress(settings.endpoint().toString()));
        this.settings = settings;
        this.messages = new Messages(settings.transportOptions());
        this.requestTimeout = settings.integer("requestTimeout", 10_000);
        this.retries = settings.integer("retries", 0);
        this.cancelMethod = settings.endpoint().option("cancelMethod", "$/cancelRequest");
        this.addresses = settings.connectAddresses();
    }

    static ReqConnection open(ZmqSettings settings) {
        ZmqLoop loop = new ZmqLoop("req");
        ReqConnection c = new ReqConnection(settings, loop);
        loop.openOrStop(c::openSocket);
        return c;
    }

    private Void openSocket() {
        handshake.close(); // the replaced socket's
        socket = ZmqContext.get().getContext().socket(SocketType.REQ);
        try {
            settings.configure(socket);
            // queue only to completed connections: an endpoint that is down gets no message to lose
            socket.setImmediate(true);
            knownToServer = false;
            handshake = ZmqSecurity.watch(loop, socket, settings, this::onRefused);
            identity = ("junction-req-" + java.util.UUID.randomUUID())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.setIdentity(identity);
            if (rotation == 0) {
                settings.attach(socket);
            } else {
                List<String> order = new ArrayList<>(addresses);
                Collections.rotate(order, -(rotation % Math.max(1, order.size())));
                for (String a : order) {
                    socket.connect(a);
                }
            }
            loop.register(socket, this::onReadable);
            return null;
        } catch (RuntimeException e) {
            socket.close();
            socket = null;
            throw e;
        }
    }

    private void recreate() {
        loop.unregister(socket);
        socket.setLinger(0);
        socket.close();
        rotation++;
        byte[] old = identity;
        boolean announce = knownToServer;
        openSocket();
        if (announce && settings.bool("hello", true)) {
            // the server still holds a connection for the old socket: tell it that one is gone
            queue.addFirst(new Out(Control.concat(Control.BYE_FOR, old), new CompletableFuture<>(), null));
        }
    }

    @Override
    protected void write(byte[] frame, CompletableFuture<Void> result) {
        Notification n = current == null ? null : messages.notification(frame);
        if (n != null && n.method().equals(cancelMethod) && cancels(n, current.request)) {
            abandon(null);
            result.complete(null);
            return;
        }
        byte[] wire;
        try {
            wire = settings.format().call(frame);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return;
        }
        queue.add(new Out(wire, result, messages.request(frame)));
        pump();
    }

    private static boolean cancels(Notification n, Request request) {
        return request != null
                && n.params() != null
                && n.params().has("id")
                && n.params().get("id").asText().equals(request.id().text());
    }

    private void pump() {
        if (current != null || socket == null) {
            return;
        }
        current = queue.poll();
        if (current != null) {
            attempt = 0;
            transmit();
        }
    }

    private void transmit() {
        knownToServer |= !isByeFor(current);
        timer = loop.schedule(requestTimeout, this::onTimeout);
        if (!socket.send(current.frame, ZMQ.DONTWAIT)) {
            // no pipe can take it yet (still connecting): send as soon as one can
            Out waiting = current;
            ZMQ.Socket s = socket;
            loop.onWritable(s, () -> {
                if (current == waiting && socket == s && !s.send(waiting.frame, ZMQ.DONTWAIT)) {
                    return;
                }
                loop.onWritable(s, null);
            });
        }
    }

    private static boolean isByeFor(Out out) {
        return out.request == null && Control.startsWith(out.frame, Control.BYE_FOR);
    }

    private void onTimeout() {
        if (current == null) {
            return;
        }
        recreate();
        if (attempt < retries && !isByeFor(current)) {
            attempt++;
            transmit();
            return;
        }
        Out failed = current;
        Duration waited = Duration.ofMillis((long) requestTimeout * (retries + 1));
        failed.result.completeExceptionally(
                failed.request != null
                        ? new DeadlineExceededException(failed.request.method(), waited)
                        : new TransportException("No reply from " + remoteAddress() + " within " + waited.toMillis()
                                + " ms (" + (retries + 1) + " attempts)"));
        current = null;
        pump();
    }

    /**
     * The server closed (its BYE stood for the reply) with a message on the wire and retries
     * allowed: lazy pirate as for a lost reply. A new socket (ZeroMQ reconnects it, to a restarted
     * server or the next endpoint) sends the message again, as one attempt more.
     */
    private void serverLeft() {
        knownToServer = false; // the server closed this identity itself: no BYE-FOR owed
        recreate();
        if (attempt < retries) {
            attempt++;
            transmit();
            return;
        }
        Out failed = current;
        current = null;
        failed.result.completeExceptionally(new ConnectionClosedException(
                "The server at " + remoteAddress() + " closed, and " + (retries + 1) + " attempts are spent"));
        pump();
    }

    /** Gives up the message on the wire: a new socket, and the next message. */
    private void abandon(Throwable cause) {
        timer.cancel();
        Out dropped = current;
        current = null;
        recreate();
        if (cause != null) {
            dropped.result.completeExceptionally(cause);
        } else {
            dropped.result.complete(null);
        }
        pump();
    }

    private void onReadable() {
        while (socket != null) {
            Msg last = socket.base().recv(ZMQ.DONTWAIT);
            if (last == null) {
                return;
            }
            while (last.hasMore()) {
                last = socket.base().recv(0);
            }
            if (closing) {
                // the reply owed: the socket may send again, so the goodbye can go now
                timer.cancel();
                if (!Control.is(last.data(), Control.BYE)) {
                    trySendBye();
                }
                closeSocket(true);
                return;
            }
            if (current == null) {
                continue;
            }
            timer.cancel();
            byte[] payload = last.data();
            if (Control.is(payload, Control.BYE) && retries > 0 && !isByeFor(current)) {
                serverLeft();
                return;
            }
            Out done = current;
            current = null;
            if (last.getMetadata() != null) {
                principal(last.getMetadata().get(zmq.io.Metadata.USER_ID));
            }
            done.result.complete(null);
            if (Control.is(payload, Control.BYE)) {
                remoteClosed(null);
                return;
            }
            if (payload.length > 0 && !Control.isControl(payload)) {
                byte[] answer = settings.format().answered(payload, done.request);
                if (answer.length > 0) {
                    deliver(answer);
                }
            }
            pump();
        }
    }

    /**
     * Closing in order tells the server with {@link Control#BYE}, so it drops this client's
     * connection. A REQ socket sends nothing while a reply is owed (its send fails with EFSM), so with
     * a message on the wire (often a notification whose acknowledgement is still on its way) the
     * socket stays open until that reply comes, up to {@code linger} ms, and then says BYE. If the
     * reply does not come in time, a fresh socket tells the server {@code BYE-FOR} this identity.
     */
    @Override
    protected void release(boolean orderly) {
        if (timer != null) {
            timer.cancel();
        }
        ConnectionClosedException closed =
                new ConnectionClosedException("Connection to " + remoteAddress() + " closed");
        Out onTheWire = current;
        current = null;
        if (onTheWire != null) {
            onTheWire.result.completeExceptionally(closed);
        }
        Out out;
        while ((out = queue.poll()) != null) {
            out.result.completeExceptionally(closed);
        }
        if (socket == null) {
            loop.stop(); // a re-creation failed: there is no socket left to close
        } else if (!orderly || !settings.bool("hello", true)) {
            closeSocket(orderly);
        } else if (trySendBye()) {
            closeSocket(true);
        } else {
            // a reply is owed (EFSM), or no pipe took the last message yet (EAGAIN)
            closing = true;
            ZMQ.Socket s = socket;
            loop.onWritable(s, () -> {
                if (socket == s && trySendBye()) {
                    timer.cancel();
                    closeSocket(true);
                }
            });
            timer = loop.schedule(Math.max(0, settings.integer("linger", 1000)), this::byeFromAFreshSocket);
        }
    }

    /** The server refused our credentials: what waits fails, and the socket stops reconnecting. */
    private void onRefused(dev.junction.zeromq.ZmqAuthenticationException cause) {
        refused(cause);
        if (timer != null) {
            timer.cancel();
        }
        if (current != null) {
            current.result.completeExceptionally(cause);
            current = null;
        }
        Out out;
        while ((out = queue.poll()) != null) {
            out.result.completeExceptionally(cause);
        }
        handshake.close();
        loop.unregister(socket);
        socket.setLinger(0);
        socket.close();
        socket = null;
    }

    /** Sends BYE if the REQ socket may send now; its reply never matters. */
    private boolean trySendBye() {
        // base(): the wrapper's send throws on EFSM, the state of a socket that owes a reply
        return socket.base().send(new Msg(Control.BYE), ZMQ.DONTWAIT);
    }

    /** The reply owed never came while closing: a new socket says the old identity is gone. */
    private void byeFromAFreshSocket() {
        if (socket == null) {
            return;
        }
        byte[] old = identity;
        loop.unregister(socket);
        socket.setLinger(0);
        socket.close();
        socket = null;
        try {
            openSocket();
        } catch (RuntimeException e) {
            loop.stop();
            return;
        }
        socket.base().send(new Msg(Control.concat(Control.BYE_FOR, old)), ZMQ.DONTWAIT);
        closeSocket(true);
    }

    /** Closes the socket (with its linger when {@code orderly}, at once otherwise) and ends the loop. */
    private void closeSocket(boolean orderly) {
        handshake.close();
        loop.unregister(socket);
        if (!orderly) {
            socket.setLinger(0);
        }
        socket.close();
        socket = null;
        loop.stop();
    }
}
