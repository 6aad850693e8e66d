package dev.junction.zeromq;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;

/** The transport conformance suite over a DEALER client and a ROUTER server, over inproc. */
class DealerRouterInprocConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "zmq-router://dealer-router-" + java.util.UUID.randomUUID() + "?transport=inproc";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "zmq-dealer://" + bound.host() + "?transport=inproc";
    }
}
