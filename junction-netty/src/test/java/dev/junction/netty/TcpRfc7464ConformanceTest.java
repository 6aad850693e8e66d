package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;

/** The transport conformance suite on tcp:// with rfc7464 framing. */
class TcpRfc7464ConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0?framing=rfc7464";
    }

    @Override
    protected String unboundUri() {
        return "tcp://127.0.0.1:" + TestPorts.closedPort() + "?framing=rfc7464";
    }
}
