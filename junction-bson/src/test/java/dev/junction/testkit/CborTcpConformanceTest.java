package dev.junction.testkit;

/**
 * The conformance suite over tcp:// with the CBOR codec, framed by netstrings (the codec's default
 * framing on streams: CBOR is binary, so newline framing cannot carry it).
 */
class CborTcpConformanceTest extends CborMemConformanceTest {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0?codec=cbor";
    }

    @Override
    protected String unboundUri() {
        return "tcp://127.0.0.1:" + BsonTcpConformanceTest.closedPort() + "?codec=cbor";
    }
}
