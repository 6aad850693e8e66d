package dev.junction.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** The conformance suite on the in-memory transport. */
class MemTransportConformanceTest extends AbstractTransportConformanceTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Override
    protected String listenUri() {
        return "mem://conformance-" + NAMES.incrementAndGet();
    }

    @Override
    protected String unboundUri() {
        return "mem://conformance-nobody-listens";
    }
}
