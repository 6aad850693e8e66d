package dev.junction.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.framing.FramingException;
import dev.junction.transport.Connection;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.Endpoint;
import dev.junction.transport.Listener;
import dev.junction.transport.TransportOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frames sent while a drain is pending go out in one write and one flush. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriteCoalescingTest {
    @Test
    void pipelinedFramesShareOneFlush() throws Exception {
        LinkedBlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:0");
        try (Listener listener = NettyClients.listen(endpoint, TransportOptions.defaults(), accepted::add)) {
            NettyConnection client =
                    (NettyConnection) NettyClients.connect(listener.endpoint(), TransportOptions.defaults())
                            .get(10, TimeUnit.SECONDS);
            Connection server = accepted.poll(10, TimeUnit.SECONDS);
            AtomicInteger received = new AtomicInteger();
            server.start(new ConnectionHandler() {
                @Override
                public void onFrame(byte[] frame) {
                    received.incrementAndGet();
                }

                @Override
                public void onFrameError(FramingException error) {}

                @Override
                public void onClose(Throwable cause) {}
            });
            try {
                // Hold the client's event loop so every send lands in the queue before the drain.
                CountDownLatch hold = new CountDownLatch(1);
                client.loop().execute(() -> {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                long before = client.flushes();
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int i = 0; i < 128; i++) {
                    writes.add(client.send(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
                }
                hold.countDown();

                assertThat(CompletableFuture.allOf(writes.toArray(new CompletableFuture[0])))
                        .succeedsWithin(Duration.ofSeconds(10));
                assertThat(client.loop().submit(client::flushes).get(5, TimeUnit.SECONDS) - before)
                        .isEqualTo(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (received.get() < 128 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(received.get()).isEqualTo(128);
            } finally {
                client.close();
                server.close();
            }
        }
    }
}
