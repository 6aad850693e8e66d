package dev.junction.internal;

import java.time.Duration;

/** A view of a peer whose calls carry another deadline. Thread-safe; closing it closes the peer. */
final class TimeoutView extends AbstractPeer {
    private final PeerEngine engine;
    private final Duration timeout;

    TimeoutView(PeerEngine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    PeerEngine engine() {
        return engine;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return engine + " (timeout " + timeout.toMillis() + " ms)";
    }
}
