package dev.junction.testkit;

/** The conformance suite over ws:// with the CBOR codec: one CBOR message per binary frame. */
class CborWsConformanceTest extends CborMemConformanceTest {
    @Override
    protected String listenUri() {
        return "ws://127.0.0.1:0/rpc?codec=cbor";
    }

    @Override
    protected String unboundUri() {
        return "ws://127.0.0.1:" + BsonTcpConformanceTest.closedPort() + "/rpc?codec=cbor";
    }
}
