package dev.junction.zeromq;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;

/** The transport conformance suite over a DEALER client and a ROUTER server on loopback TCP. */
class DealerRouterConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "zmq-router://127.0.0.1:0";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "zmq-dealer://127.0.0.1:" + bound.port();
    }
}
