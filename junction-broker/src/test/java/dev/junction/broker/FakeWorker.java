package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.zeromq.SocketType;

/**
 * A worker made of a bare DEALER socket: it registers, takes requests and then falls silent when
 * the test says so, as a worker whose process froze or whose link died would. An injected failure.
 */
final class FakeWorker implements AutoCloseable {
    private final RawZmq socket;

    FakeWorker(Broker broker, String name, String extraReadyJson) {
        socket = new RawZmq(SocketType.DEALER, "tcp://" + BrokerFixture.backend(broker), "fake-" + name);
        socket.send(
                "READY",
                "{\"protocol\":1,\"name\":\"" + name + "\",\"capacity\":4,\"heartbeatMillis\":300" + extraReadyJson
                        + "}");
    }

    /**
     * Waits for the next request the broker hands it, sending heartbeats meanwhile, and returns its
     * payload. From then on it is silent: 3 x 300 ms later the broker drops it.
     */
    String takeRequest() {
        socket.socket.setReceiveTimeOut(100);
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<byte[]> frames = null;
        while (System.nanoTime() < deadline) {
            frames = socket.receiveSkipping("HB");
            if (frames != null) {
                break;
            }
            socket.send("HB");
        }
        assertThat(frames).isNotNull();
        assertThat(RawZmq.text(frames.get(0))).isEqualTo("REQ");
        return RawZmq.text(frames.get(2));
    }

    @Override
    public void close() {
        socket.close();
    }
}
