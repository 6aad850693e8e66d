package dev.junction.testkit;

import dev.junction.transport.Endpoint;

/**
 * The conformance suite over ZeroMQ (a DEALER client and a ROUTER server on loopback TCP) with the
 * BSON codec: one BSON document per ZeroMQ message.
 */
class BsonZeroMqConformanceTest extends BsonMemConformanceTest {
    @Override
    protected String listenUri() {
        return "zmq-router://127.0.0.1:0?codec=bson";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        return "zmq-dealer://127.0.0.1:" + bound.port() + "?codec=bson";
    }

    @Override
    protected String unboundUri() {
        return null; // ZeroMQ connects lazily and queues: nothing is ever refused, so that test is skipped
    }
}
