package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;

/** The transport conformance suite on tcp:// with terminator framing. */
class TcpTerminatorConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0?framing=terminator";
    }

    @Override
    protected String unboundUri() {
        return "tcp://127.0.0.1:" + TestPorts.closedPort() + "?framing=terminator";
    }
}
