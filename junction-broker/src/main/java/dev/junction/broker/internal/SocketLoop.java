package dev.junction.broker.internal;

import dev.junction.zeromq.internal.PollerKick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * One daemon thread that owns some ZeroMQ sockets and is the only thread to touch them: it polls
 * them (a NIO selector over each socket's wake-up descriptor, and each socket's own events
 * checked before sleeping, so nothing ready is missed), runs the tasks other threads queue with {@link #execute}, and runs its timers. Other
 * threads wake it through a {@link Pipe} polled with the sockets. Only {@link #execute}, {@link
 * #submit}, {@link #inLoop} and {@link #stop} may be called from other threads.
 */
public final class SocketLoop {
    /** The broker context's kicker, made on first use. */
    private static final class Kick {
        static final PollerKick KICK = new PollerKick(BrokerContext.get(), 100);
    }

    private static final Logger log = LoggerFactory.getLogger(SocketLoop.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    /** A timer; cancel it from the loop thread. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        /** The action will not run. Loop thread. */
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    private record Registration(ZMQ.Socket socket, Runnable onReadable, SelectionKey key) {}

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Pipe pipe;
    private final List<Registration> registrations = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Selector selector;
    private volatile boolean running = true;

    /** Starts a loop on a new daemon thread named {@code junction-<name>-<n>}. */
    public SocketLoop(String name) {
        try {
            pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            selector = Selector.open();
            pipe.source().register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "junction-" + name + "-" + COUNTER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** True on the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop thread after those queued before it. Any thread. The flag is
     * cleared only after the pipe is drained, so a wake-up byte is never lost (see {@link
     * #drainPipe}).
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && woken.compareAndSet(false, true)) {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                log.debug("Could not wake {}: {}", thread.getName(), e.toString());
            }
        }
    }

    /** Runs {@code task} on the loop thread; the future carries its result or failure. Any thread. */
    public <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        if (!running) {
            result.completeExceptionally(new IllegalStateException("The loop " + thread.getName() + " has stopped"));
        }
        return result;
    }

    /**
     * Polls {@code socket} for input from now on, and keeps the broker context's {@link PollerKick}
     * running while it is registered (a connecting worker socket would otherwise now and then stall in
     * JeroMQ's connect race, see junction-zeromq's README). Loop thread.
     */
    public void register(ZMQ.Socket socket, Runnable onReadable) {
        try {
            registrations.add(
                    new Registration(socket, onReadable, socket.getFD().register(selector, SelectionKey.OP_READ)));
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new IllegalStateException("Cannot poll a closed socket", e);
        }
        Kick.KICK.retain();
    }

    /** Stops polling {@code socket}. Loop thread. */
    public void unregister(ZMQ.Socket socket) {
        registrations.removeIf(r -> {
            if (r.socket == socket) {
                r.key.cancel();
                Kick.KICK.release();
                return true;
            }
            return false;
        });
    }

    /** Runs {@code action} on the loop thread after {@code delayMillis}. Loop thread. */
    public Timer schedule(long delayMillis, Runnable action) {
        Timer timer = new Timer(System.nanoTime() + delayMillis * 1_000_000L, action);
        timers.add(timer);
        return timer;
    }

    /** Ends the loop after the current task. Any thread. */
    public void stop() {
        running = false;
        execute(() -> {});
    }

    /** Completes when the loop thread has ended. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                long wait = runTimers();
                if (!running) {
                    break;
                }
                // A socket's wake-up signal is edge-triggered and any operation on the socket (a send)
                // may consume it, so what is readable already is asked for before sleeping, and each
                // socket's own events (not the selector's answer) decide whether it is read.
                if (!tasks.isEmpty() || anyReadable()) {
                    selector.selectNow();
                } else if (wait < 0) {
                    selector.select();
                } else {
                    selector.select(wait);
                }
                selector.selectedKeys().clear();
                drainPipe();
                for (Registration r : List.copyOf(registrations)) {
                    if (registrations.contains(r) && (r.socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                        safely(r.onReadable);
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException | Error e) {
            log.error("Socket loop {} failed", thread.getName(), e);
        } finally {
            runTasks(); // those queued before stop(), such as a close
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("Could not close a selector: {}", e.toString());
            }
            closePipe();
            for (int i = 0; i < registrations.size(); i++) {
                Kick.KICK.release(); // sockets the loop's owner left registered
            }
            registrations.clear();
            stopped.complete(null);
        }
    }

    private boolean anyReadable() {
        for (Registration r : registrations) {
            if ((r.socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                return true;
            }
        }
        return false;
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            safely(task);
        }
    }

    /** Runs the timers due; returns how long poll may wait (-1: until woken). */
    private long runTimers() {
        while (!timers.isEmpty()) {
            Timer next = timers.peek();
            if (next.cancelled) {
                timers.poll();
                continue;
            }
            long left = next.deadline - System.nanoTime();
            if (left > 0) {
                return Math.max(1, left / 1_000_000L);
            }
            timers.poll();
            safely(next.action);
        }
        return -1;
    }

    /** Empties the wake-up pipe, then clears {@code woken}; the queue is run after this. */
    private void drainPipe() {
        try {
            while (true) {
                drain.clear();
                if (pipe.source().read(drain) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("Could not drain the wake-up pipe: {}", e.toString());
        }
        woken.set(false);
    }

    private void closePipe() {
        try {
            pipe.source().close();
            pipe.sink().close();
        } catch (IOException e) {
            log.debug("Could not close the wake-up pipe: {}", e.toString());
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A task on {} failed", thread.getName(), e);
        }
    }
}
