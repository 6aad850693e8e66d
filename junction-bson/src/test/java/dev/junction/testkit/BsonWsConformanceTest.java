package dev.junction.testkit;

/** The conformance suite over ws:// with the BSON codec: one BSON document per binary frame. */
class BsonWsConformanceTest extends BsonMemConformanceTest {
    @Override
    protected String listenUri() {
        return "ws://127.0.0.1:0/rpc?codec=bson";
    }

    @Override
    protected String unboundUri() {
        return "ws://127.0.0.1:" + BsonTcpConformanceTest.closedPort() + "/rpc?codec=bson";
    }
}
