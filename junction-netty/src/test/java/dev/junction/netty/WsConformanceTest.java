package dev.junction.netty;

import dev.junction.testkit.AbstractTransportConformanceTest;

/** The transport conformance suite on ws://, with a path. */
class WsConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "ws://127.0.0.1:0/rpc";
    }

    @Override
    protected String unboundUri() {
        return "ws://127.0.0.1:" + TestPorts.closedPort() + "/rpc";
    }
}
