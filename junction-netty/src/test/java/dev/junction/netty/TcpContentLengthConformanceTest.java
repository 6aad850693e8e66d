package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;

/** The transport conformance suite on tcp:// with content-length framing. */
class TcpContentLengthConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0?framing=content-length";
    }

    @Override
    protected String unboundUri() {
        return "tcp://127.0.0.1:" + TestPorts.closedPort() + "?framing=content-length";
    }
}
