package dev.junction.internal.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.framing.FramingException;
import dev.junction.transport.ConnectionHandler;
import dev.junction.transport.MemAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frames reach the other end in order, one at a time, before and after its drain went idle, and then the close. */
class MemConnectionTest {

    /** Records frames as (sender, sequence) pairs, and whether two deliveries ever overlapped. */
    private static final class Recorder implements ConnectionHandler {
        final List<long[]> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean overlapped;
        volatile boolean frameAfterClose;
        private volatile boolean inside;

        @Override
        public void onFrame(byte[] frame) {
            if (inside) {
                overlapped = true;
            }
            inside = true;
            if (closed.getCount() == 0) {
                frameAfterClose = true;
            }
            ByteBuffer b = ByteBuffer.wrap(frame);
            frames.add(new long[] {b.getInt(), b.getInt()});
            inside = false;
        }

        @Override
        public void onFrameError(FramingException error) {}

        @Override
        public void onClose(Throwable cause) {
            closed.countDown();
        }
    }

    private static byte[] frame(int sender, int seq) {
        return ByteBuffer.allocate(8).putInt(sender).putInt(seq).array();
    }

    private static MemConnection[] pair() {
        MemConnection a = new MemConnection(new MemAddress("a"), new MemAddress("b"));
        MemConnection b = new MemConnection(new MemAddress("b"), new MemAddress("a"));
        a.link(b);
        b.link(a);
        return new MemConnection[] {a, b};
    }

    @Test
    void framesFromManyThreadsArriveOnceEachInTheirSendersOrderAndOneAtATime() throws Exception {
        MemConnection[] p = pair();
        Recorder recorder = new Recorder();
        p[0].start(new Recorder());
        p[0].send(frame(-1, 0)); // before the other end started: queued until it does
        p[1].start(recorder);
        int senders = 4;
        int each = 5_000;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int me = s;
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    p[0].send(frame(me, i));
                    if (i % 1000 == 999) {
                        sleep(3); // longer than the drain lingers: the next frame starts a new drain
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        p[0].close();
        assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(recorder.frames).hasSize(senders * each + 1);
        assertThat(recorder.frames.get(0)).containsExactly(-1, 0);
        int[] next = new int[senders];
        for (long[] f : recorder.frames.subList(1, recorder.frames.size())) {
            assertThat(f[1]).isEqualTo(next[(int) f[0]]);
            next[(int) f[0]]++;
        }
        assertThat(recorder.overlapped).isFalse();
        assertThat(recorder.frameAfterClose).isFalse();
        assertThat(p[1].isOpen()).isFalse();
        assertThat(p[0].send(frame(0, 0))).isCompletedExceptionally();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
