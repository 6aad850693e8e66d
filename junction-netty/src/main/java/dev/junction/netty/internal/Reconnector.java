package dev.junction.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconnects a client connection whose link dropped: attempts after {@code reconnectInitialDelay},
 * doubling up to {@code reconnectMaxDelay}, each delay drawn at random between half and all of
 * it (jitter, so that many clients of one restarted server do not return in step). Runs on the
 * connection's event loop. The same for every scheme that reconnects: a {@link LinkOpener} makes
 * one link (tcp: connect and TLS handshake; ws: that and the WebSocket handshake).
 */
final class Reconnector {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);

    /** Opens one new link for the connection, on the given event loop. */
    @FunctionalInterface
    interface LinkOpener {
        /** Completes with a link ready to be the connection's, or fails with why it could not be made. */
        CompletableFuture<Channel> open(EventLoopGroup loop);
    }

    private final NettyConnection connection;
    private final LinkOpener opener;
    private int failures;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    Reconnector(NettyConnection connection, LinkOpener opener) {
        this.connection = connection;
        this.opener = opener;
    }

    /** The link dropped; on the event loop. */
    void linkDown() {
        failures = 0;
        schedule();
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        Settings s = connection.settings();
        long max = s.reconnectMaxDelay.toNanos();
        long delay = s.reconnectInitialDelay.toNanos();
        for (int i = 0; i < failures && delay < max; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, max);
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        next = connection.loop().schedule(this::attempt, jittered, TimeUnit.NANOSECONDS);
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        opener.open(connection.loop())
                .whenComplete((ch, error) -> connection.loop().execute(() -> {
                    if (error == null) {
                        up(ch);
                    } else {
                        failures++;
                        log.debug(
                                "Reconnect to {} failed ({} so far): {}",
                                connection.describe(),
                                failures,
                                Links.unwrap(error).toString());
                        schedule();
                    }
                }));
    }

    private void up(Channel ch) {
        if (stopped) {
            ch.close();
            return;
        }
        log.info("Reconnected to {} after {} failed attempts", ch.remoteAddress(), failures);
        failures = 0;
        connection.linkUp(ch);
    }

    /** The connection closed: no more attempts. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
