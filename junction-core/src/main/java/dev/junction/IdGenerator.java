package dev.junction;

import dev.junction.message.Id;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the ids of outbound requests. A peer asks it once per call, from any thread, so an
 * implementation must be thread-safe; one generator given to a builder serves every connection the
 * builder makes. An id it returns while a call with the same id is still awaiting an answer on the
 * same connection is skipped (the peer asks again), so a random generator needs no bookkeeping.
 *
 * <p>By default each connection numbers its calls 1, 2, 3... on its own; set a generator with
 * {@link PeerBuilder#idGenerator} when the other side expects another habit.
 */
@FunctionalInterface
public interface IdGenerator {
    /** The next id: never {@link Id#NULL}. */
    Id next();

    /** Numbers 1, 2, 3... from one counter shared by every connection using this generator. */
    static IdGenerator sequential() {
        AtomicLong counter = new AtomicLong();
        return () -> Id.of(counter.incrementAndGet());
    }

    /** Random UUID strings ({@code "3f0e9c1a-..."}), as jsonrpc2-zeromq's Python clients send. */
    static IdGenerator uuid() {
        return () -> Id.of(UUID.randomUUID().toString());
    }

    /**
     * Random non-negative integers below 2<sup>63</sup>, as several WebSocket JSON-RPC clients send
     * (peers that parse ids as doubles may round them: use it only with peers that keep them exact).
     */
    static IdGenerator random63() {
        return () -> Id.of(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
