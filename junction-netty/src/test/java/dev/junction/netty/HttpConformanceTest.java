package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;

/** The transport conformance suite on http:// (the server cannot call HTTP clients). */
class HttpConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "http://127.0.0.1:0/rpc";
    }

    @Override
    protected boolean supportsServerToClientCalls() {
        return false;
    }

    @Override
    protected String unboundUri() {
        return "http://127.0.0.1:" + TestPorts.closedPort() + "/rpc";
    }
}
