package dev.junction.zeromq.internal;

import dev.junction.zeromq.ZapHandler;
import dev.junction.zeromq.ZapRequest;
import dev.junction.zeromq.ZeroMqKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * The ZAP handler (RFC 27) of Junction's ZeroMQ context: a REP socket bound to {@code
 * inproc://zeromq.zap.01}, on its own loop thread, which answers each server socket's
 * authentication requests with the {@link ZapHandler} registered for that socket's ZAP domain. It
 * lives in the context of secured server sockets only ({@link ZmqSecurity#securedContext}): JeroMQ
 * asks a context's ZAP handler about every socket in it, clients and NULL sockets too, which would
 * slow and disturb their handshakes. A domain nobody registered is refused. Started once, before the first secured server socket binds
 * (a PLAIN server without a ZAP handler would let anyone in); never stopped.
 */
final class ZapServer {
    static final String ADDRESS = "inproc://zeromq.zap.01";
    private static final Logger log = LoggerFactory.getLogger(ZapServer.class);
    private static volatile ZapServer instance;

    private final Map<String, ZapHandler> handlers = new ConcurrentHashMap<>();
    private final ZmqLoop loop = new ZmqLoop("zap");
    private ZMQ.Socket socket; // loop thread only

    private ZapServer() {
        loop.submit(() -> {
                    socket = ZmqSecurity.securedContext().getContext().socket(SocketType.REP);
                    socket.setLinger(0);
                    socket.bind(ADDRESS);
                    loop.register(socket, this::onReadable);
                    return null;
                })
                .join();
    }

    /** The ZAP server of the shared context, started on first use. */
    static ZapServer get() {
        ZapServer found = instance;
        if (found == null) {
            synchronized (ZapServer.class) {
                found = instance;
                if (found == null) {
                    found = new ZapServer();
                    instance = found;
                }
            }
        }
        return found;
    }

    /** Answers the requests of {@code domain} with {@code handler} from now on. */
    void register(String domain, ZapHandler handler) {
        handlers.put(domain, handler);
    }

    /** Forgets {@code domain} (its server socket closed). */
    void unregister(String domain) {
        handlers.remove(domain);
    }

    private void onReadable() {
        for (int n = 0; n < ZmqLoop.maxBurst(); n++) {
            Msg first = socket.base().recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first.data());
            Msg last = first;
            while (last.hasMore()) {
                last = socket.base().recv(0);
                frames.add(last.data());
            }
            reply(frames);
        }
    }

    /** Frames: version, request id, domain, address, identity, mechanism, credentials... */
    private void reply(List<byte[]> frames) {
        byte[] requestId = frames.size() > 1 ? frames.get(1) : new byte[0];
        if (frames.size() < 6 || !"1.0".equals(text(frames.get(0)))) {
            send(requestId, "400", "Malformed ZAP request", "");
            return;
        }
        String domain = text(frames.get(2));
        String mechanism = text(frames.get(5));
        ZapRequest request;
        if ("PLAIN".equals(mechanism) && frames.size() >= 8) {
            request = new ZapRequest(
                    domain, text(frames.get(3)), mechanism, text(frames.get(6)), text(frames.get(7)), null);
        } else if ("CURVE".equals(mechanism) && frames.size() >= 7 && frames.get(6).length == 32) {
            request = new ZapRequest(
                    domain, text(frames.get(3)), mechanism, null, null, ZeroMqKeys.encode(frames.get(6)));
        } else {
            send(requestId, "400", "Unsupported mechanism " + mechanism, "");
            return;
        }
        ZapHandler handler = handlers.get(domain);
        if (handler == null) {
            log.debug("Refused {}: no handler for the ZAP domain", request);
            send(requestId, "400", "Unknown ZAP domain", "");
            return;
        }
        Optional<String> user;
        try {
            user = handler.authenticate(request);
        } catch (RuntimeException e) {
            log.warn("The ZAP handler {} failed on {}", handler, request, e);
            send(requestId, "500", "Authentication failed on the server", "");
            return;
        }
        if (user != null && user.isPresent() && !user.get().isEmpty()) {
            log.debug("Allowed {} as {}", request, user.get());
            send(requestId, "200", "OK", user.get());
        } else {
            log.debug("Refused {}", request);
            send(requestId, "400", "Authentication failed", "");
        }
    }

    private void send(byte[] requestId, String status, String text, String userId) {
        socket.sendMore("1.0");
        socket.sendMore(requestId);
        socket.sendMore(status);
        socket.sendMore(text);
        socket.sendMore(userId);
        socket.send(new byte[0]);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
