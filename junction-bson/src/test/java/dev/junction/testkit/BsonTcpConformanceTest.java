package dev.junction.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The conformance suite over tcp:// with the BSON codec, framed by BSON's own int32 length prefix
 * (the codec's default framing on streams). Batches fail at the caller, as over mem://.
 */
class BsonTcpConformanceTest extends BsonMemConformanceTest {
    @Override
    protected String listenUri() {
        return "tcp://127.0.0.1:0?codec=bson";
    }

    @Override
    protected String unboundUri() {
        return "tcp://127.0.0.1:" + closedPort() + "?codec=bson";
    }

    /** A loopback port where nothing listens now (bound once, then closed). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
