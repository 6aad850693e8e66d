package dev.junction.cli;

import dev.junction.Interceptor;
import dev.junction.RpcPeer;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs what a server receives and answers, one line each, to the command's error stream:
 *
 * <pre>
 * 127.0.0.1:52814 request 1 subtract [42,23]
 * 127.0.0.1:52814 answer 1 subtract result 19 (0.4 ms)
 * 127.0.0.1:52814 notification update [1,2,3]
 * </pre>
 *
 * Params, results and error data are cut to {@value #MAX_JSON} characters. It also logs the
 * requests and notifications the server sends its clients ({@code push}). Thread-safe and
 * non-blocking, as interceptors must be (a {@link PrintWriter} locks briefly per line).
 */
final class CallLogger implements Interceptor {
    static final int MAX_JSON = 200;

    private final PrintWriter out;
    private final Map<Key, Started> inFlight = new ConcurrentHashMap<>();

    private record Key(RpcPeer peer, Id id) {}

    private record Started(String method, long nanos) {}

    CallLogger(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void intercept(Chain chain) {
        try {
            log(chain.direction(), chain.peer(), chain.message());
        } catch (RuntimeException e) {
            // logging must never stop a message
        }
        chain.proceed(chain.message());
    }

    /** Logs a connection that opened, and its closing once it closes. */
    void connected(RpcPeer peer) {
        line(peer, "connected");
        peer.closeFuture().whenComplete((ignored, error) -> {
            inFlight.keySet().removeIf(k -> k.peer() == peer);
            line(peer, "disconnected");
        });
    }

    private void log(Direction direction, RpcPeer peer, Message message) {
        if (message instanceof Batch) {
            Batch batch = (Batch) message;
            line(
                    peer,
                    (direction == Direction.INBOUND ? "batch of " : "answer batch of ")
                            + batch.members().size());
            for (Message member : batch.members()) {
                log(direction, peer, member);
            }
        } else if (message instanceof Request) {
            Request r = (Request) message;
            if (direction == Direction.INBOUND) {
                inFlight.put(new Key(peer, r.id()), new Started(r.method(), System.nanoTime()));
                line(peer, "request " + r.id() + " " + r.method() + params(r.params()));
            } else {
                line(peer, "push request " + r.id() + " " + r.method() + params(r.params()));
            }
        } else if (message instanceof Notification) {
            Notification n = (Notification) message;
            line(
                    peer,
                    (direction == Direction.INBOUND ? "notification " : "push notification ")
                            + n.method()
                            + params(n.params()));
        } else if (message instanceof Response) {
            Response r = (Response) message;
            if (direction == Direction.INBOUND) {
                line(peer, "reply " + r.id() + " " + outcome(r));
                return;
            }
            Started started = inFlight.remove(new Key(peer, r.id()));
            String method = started == null ? "" : started.method() + " ";
            String time = started == null
                    ? ""
                    : String.format(Locale.ROOT, " (%.1f ms)", (System.nanoTime() - started.nanos()) / 1e6);
            line(peer, "answer " + r.id() + " " + method + outcome(r) + time);
        } else if (message instanceof InvalidMessage) {
            line(peer, "invalid message: " + Json.truncate(String.valueOf(message), MAX_JSON));
        }
    }

    private static String outcome(Response r) {
        if (!r.isError()) {
            return "result " + Json.truncate(Json.write(r.result(), false), MAX_JSON);
        }
        ErrorObject e = r.error();
        return "error " + e.code() + " " + e.message()
                + (e.data() == null ? "" : " data " + Json.truncate(Json.write(e.data(), false), MAX_JSON));
    }

    private static String params(com.fasterxml.jackson.databind.JsonNode params) {
        return params == null ? "" : " " + Json.truncate(Json.write(params, false), MAX_JSON);
    }

    private void line(RpcPeer peer, String text) {
        out.println(address(peer) + " " + text);
        out.flush();
    }

    private static String address(RpcPeer peer) {
        SocketAddress address = peer.remoteAddress();
        String text = address == null ? "?" : address.toString();
        return text.startsWith("/") ? text.substring(1) : text;
    }
}
