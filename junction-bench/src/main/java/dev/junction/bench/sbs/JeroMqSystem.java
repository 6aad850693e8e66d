package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;
import dev.junction.zeromq.internal.PollerKick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Raw JeroMQ 0.6 echo, no JSON: a ROUTER that sends every message back to its sender, and a DEALER
 * per client connection owned by one thread, which sends the JSON-RPC request bytes of {@code
 * echo(payload)} and completes calls in order as echoes come back. W4 (1,000 connections, a thread
 * each) is left out.
 */
final class JeroMqSystem implements BenchSystem {
    private static final ZContext CONTEXT = new ZContext();
    /**
     * JeroMQ 0.6.0 now and then leaves a fresh DEALER's link unregistered in its I/O poller (see
     * junction-zeromq's README, "A JeroMQ connect race"): the same kick junction-zeromq uses, so the
     * baseline does not measure a stalled connection (it once completed no call in a whole W1).
     */
    private static final PollerKick KICK = new PollerKick(CONTEXT, 100);

    @Override
    public String name() {
        return "jeromq-echo";
    }

    @Override
    public Server start() {
        ZMQ.Socket router = CONTEXT.createSocket(SocketType.ROUTER);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        Thread loop = new Thread(() -> echo(router), "jeromq-router");
        loop.setDaemon(true);
        loop.start();
        String address = "tcp://127.0.0.1:" + port;
        return new Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                loop.interrupt();
            }
        };
    }

    private static void echo(ZMQ.Socket router) {
        while (!Thread.currentThread().isInterrupted()) {
            byte[] identity = router.recv(0);
            byte[] body = router.recv(0);
            if (identity == null || body == null) {
                return;
            }
            router.sendMore(identity);
            router.send(body, 0);
        }
    }

    @Override
    public Caller connect(String address, String payload) {
        byte[] request = ("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + payload + "\"],\"id\":1}")
                .getBytes(StandardCharsets.UTF_8);
        DealerCaller caller = new DealerCaller(address, request);
        caller.thread.start();
        return caller;
    }

    @Override
    public boolean supports(Workload workload) {
        return workload.connections() == 1;
    }

    /**
     * The DEALER and its thread. Calls made on that thread (from completions) are sent at once;
     * calls from other threads are queued and sent within 10 ms (the receive timeout).
     */
    private static final class DealerCaller implements Caller {
        private final String address;
        private final byte[] request;
        private final ArrayDeque<Completion> pending = new ArrayDeque<>();
        private final ConcurrentLinkedQueue<Completion> queued = new ConcurrentLinkedQueue<>();
        final Thread thread = new Thread(this::run, "jeromq-dealer");
        private volatile boolean open = true;
        private ZMQ.Socket dealer;

        DealerCaller(String address, byte[] request) {
            this.address = address;
            this.request = request;
            thread.setDaemon(true);
        }

        @Override
        public void call(Completion done) {
            if (Thread.currentThread() == thread) {
                pending.add(done);
                dealer.send(request, 0);
            } else {
                queued.add(done);
            }
        }

        private void run() {
            dealer = CONTEXT.createSocket(SocketType.DEALER);
            dealer.setReceiveTimeOut(10);
            KICK.retain();
            dealer.connect(address);
            try {
                while (open) {
                    for (Completion q = queued.poll(); q != null; q = queued.poll()) {
                        call(q);
                    }
                    byte[] echoed = dealer.recv(0);
                    if (echoed != null) {
                        Completion done = pending.poll();
                        if (done != null) {
                            done.done(echoed.length == request.length ? null : new IllegalStateException("bad echo"));
                        }
                    }
                }
            } finally {
                KICK.release();
                CONTEXT.destroySocket(dealer);
            }
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
