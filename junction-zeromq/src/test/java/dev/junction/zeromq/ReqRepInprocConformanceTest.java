package dev.junction.zeromq;

import dev.junction.testkit.AbstractTransportConformanceTest;
import dev.junction.transport.Endpoint;

/** The conformance suite over a REQ client and a REP server, over inproc. */
@SkipTests(
        value = {
            "closingTheClientFailsItsPendingCallsAtOnce",
            "asyncCallsCompleteOutOfOrder",
            "cancellingACallsFutureReachesTheServersContext"
        },
        reason = "REQ is lock-step: one call on the wire at a time, and a cancelled call's socket is replaced")
class ReqRepInprocConformanceTest extends AbstractTransportConformanceTest {
    @Override
    protected String listenUri() {
        return "zmq-rep://req-rep-" + java.util.UUID.randomUUID() + "?transport=inproc";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "zmq-req://" + bound.host() + "?transport=inproc";
    }

    @Override
    protected boolean supportsServerToClientCalls() {
        return false;
    }
}
