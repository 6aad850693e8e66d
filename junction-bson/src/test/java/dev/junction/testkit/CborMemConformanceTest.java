package dev.junction.testkit;

import dev.junction.transport.Endpoint;
import java.util.concurrent.atomic.AtomicInteger;

/** The conformance suite over mem:// with the CBOR codec ({@code ?codec=cbor} on both sides), batches included. */
class CborMemConformanceTest extends AbstractTransportConformanceTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Override
    protected String listenUri() {
        return "mem://cbor-conformance-" + NAMES.incrementAndGet() + "?codec=cbor";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        String uri = bound.toString();
        return uri.contains("codec=cbor") ? uri : uri + (uri.contains("?") ? "&" : "?") + "codec=cbor";
    }

    @Override
    protected String unboundUri() {
        return "mem://cbor-conformance-nobody-listens?codec=cbor";
    }
}
