package dev.junction.zeromq;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;

/** The conformance suite over a REQ client and a ROUTER server on loopback TCP. */
@SkipTests(
        value = {
            "closingTheClientFailsItsPendingCallsAtOnce",
            "asyncCallsCompleteOutOfOrder",
            "cancellingACallsFutureReachesTheServersContext"
        },
        reason = "REQ is lock-step: one call on the wire at a time, and a cancelled call's socket is replaced")
class ReqRouterTcpConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "zmq-router://127.0.0.1:0";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "zmq-req://127.0.0.1:" + bound.port();
    }

    @Override
    protected boolean supportsServerToClientCalls() {
        return false;
    }
}
