package dev.junction.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;

/**
 * A worker made of a bare DEALER socket on a thread of its own: it registers (again when asked
 * WHO), sends heartbeats every 100 ms, and falls silent for good the moment it receives its first
 * request, as a worker whose process froze would. An injected failure.
 */
final class FakeWorker implements AutoCloseable {
    private final String name;
    private final String ready;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    FakeWorker(Broker broker, String name, String extraReadyJson) {
        this.name = name;
        this.ready = "{\"protocol\":1,\"name\":\"" + name + "\",\"capacity\":4,\"heartbeatMillis\":500" + extraReadyJson
                + "}";
        String address = "tcp://" + BrokerFixture.backend(broker);
        thread = new Thread(() -> run(address), "fake-worker-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String address) {
        RawZmq socket = connect(address);
        boolean frozen = false;
        long nextBeat = 0;
        long lastHeard = System.nanoTime();
        try {
            while (!closed) {
                if (!frozen && System.nanoTime() >= nextBeat) {
                    socket.send("HB");
                    nextBeat = System.nanoTime() + 100_000_000L;
                }
                if (!frozen && System.nanoTime() - lastHeard > 1_500_000_000L) {
                    // nothing from the broker: a new socket, as a real worker does (see the README's note
                    // on fresh connections that deliver nothing)
                    socket.close();
                    socket = connect(address);
                    lastHeard = System.nanoTime();
                }
                List<byte[]> frames = socket.receive();
                if (frames == null || frozen) {
                    continue;
                }
                lastHeard = System.nanoTime();
                String command = RawZmq.text(frames.get(0));
                if (command.equals("WHO")) {
                    socket.send("READY", ready);
                } else if (command.equals("REQ")) {
                    frozen = true;
                    requests.add(RawZmq.text(frames.get(2)));
                }
            }
        } finally {
            socket.close();
        }
    }

    private RawZmq connect(String address) {
        RawZmq socket = new RawZmq(SocketType.DEALER, address, "fake-" + name);
        socket.socket.setReceiveTimeOut(50);
        socket.send("READY", ready);
        return socket;
    }

    /** Waits until the broker lists this worker. */
    FakeWorker awaitRegistered(Broker broker) {
        await().atMost(BrokerFixture.WAIT)
                .until(() ->
                        broker.stats().workers().stream().anyMatch(w -> w.name().equals(name)));
        return this;
    }

    /** The first request the broker handed it (after which it is silent: the broker drops it 1.5 s later). */
    String takeRequest() throws InterruptedException {
        String request = requests.poll(20, TimeUnit.SECONDS);
        assertThat(request).as("a request for " + name).isNotNull();
        return request;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5000);
    }
}
