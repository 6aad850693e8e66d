package dev.junction.zeromq.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * One daemon thread that owns some ZeroMQ sockets and touches them alone: it polls them, runs the
 * tasks other threads queue with {@link #execute}, and runs its timers. Other threads wake it with
 * {@link java.nio.channels.Selector#wakeup()}, so a queued task runs at once. Only {@link
 * #execute}, {@link #submit} and {@link #inLoop} may be called from other threads; the rest belongs
 * to the loop thread.
 */
public final class ZmqLoop {
    private static final Logger log = LoggerFactory.getLogger(ZmqLoop.class);
    private static final AtomicLong COUNTER = new AtomicLong();
    /**
     * Messages a socket's callback takes per round. Small, so that the answers and calls its messages
     * queue (sends are tasks, run at the start of the next round) leave while the rest of the input is
     * still being handled: with 256, a peer sending 128 calls at once got all 128 answers only after
     * the last was handled, and the two sides took turns instead of working at once (W2 over
     * DEALER/ROUTER with direct callbacks: 182-192k calls/s at 256, 463-510k at 32, 443-469k at 16,
     * 313-378k at 64, 270-306k at 8).
     */
    private static final int MAX_BURST = 32;

    /** A socket, what to do when it has input, and (while wanted) when it can take output. */
    private static final class Registration {
        final ZMQ.Socket socket;
        final Runnable onReadable;
        final PollerKick kick;
        Runnable onWritable;
        java.nio.channels.SelectionKey key;
        boolean removed;

        Registration(ZMQ.Socket socket, Runnable onReadable, PollerKick kick) {
            this.socket = socket;
            this.onReadable = onReadable;
            this.kick = kick;
        }
    }

    /** A timer; cancel it from the loop thread. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final List<Registration> registrations = new ArrayList<>();
    private Registration[] polled = new Registration[0]; // a copy of registrations, for iterating
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final java.nio.channels.Selector selector;
    private volatile boolean running = true;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** Starts a loop on a new daemon thread named {@code junction-zmq-<name>-<n>}. */
    public ZmqLoop(String name) {
        try {
            selector = java.nio.channels.Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "junction-zmq-" + name + "-" + COUNTER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** True on the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop thread, after the tasks queued before it. Any thread. The task is
     * queued before {@code woken} is looked at, and the loop clears {@code woken} only just before it
     * sleeps and then looks at the queue once more, so either this call wakes the selector (or makes
     * its next select return at once), or the loop is awake and has yet to clear the flag. While the
     * loop is busy the flag stays set and a send costs no system call. On the loop thread nothing is
     * done: the loop checks the queue before it sleeps.
     *
     * <p>The wake-up is the selector's own (an eventfd on Linux), not a byte written to a pipe as it
     * was. It measured better (ZeroMQ W2 with the default executor, 6 alternated pairs: 192-350k
     * calls/s, mean 295k, with the pipe; 280-378k, mean 321k, with the selector's wake-up), and our
     * reading of why is that Linux wakes a pipe's reader as a "sync" wake-up, a hint that the writer
     * is about to sleep, which tends to put the loop on the writer's core while the writer (a handler
     * thread with more completions to run) goes on working.
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && woken.compareAndSet(false, true)) {
            selector.wakeup(); // a no-op once the selector is closed
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
     * Runs a socket-opening task on this loop and waits for it (any thread but the loop's). If it
     * fails, the loop is stopped and the task's own exception is thrown.
     */
    public <T> T openOrStop(Supplier<T> opener) {
        try {
            return submit(opener).join();
        } catch (java.util.concurrent.CompletionException e) {
            stop();
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /**
     * Polls {@code socket} for input from now on, and keeps the shared context's {@link PollerKick}
     * running while it is registered. Loop thread.
     */
    public void register(ZMQ.Socket socket, Runnable onReadable) {
        register(socket, onReadable, ZmqContext.kick());
    }

    /**
     * As {@link #register(ZMQ.Socket, Runnable)} for a socket of another context (a secured
     * server's): keeps that context's {@code kick} running while the socket is registered. Loop
     * thread.
     */
    public void register(ZMQ.Socket socket, Runnable onReadable, PollerKick kick) {
        Registration r = new Registration(socket, onReadable, kick);
        try {
            r.key = socket.getFD().register(selector, java.nio.channels.SelectionKey.OP_READ);
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new IllegalStateException("Cannot poll a closed socket", e);
        }
        registrations.add(r);
        polled = registrations.toArray(new Registration[0]);
        kick.retain();
    }

    /**
     * Calls {@code onWritable} when {@code socket} can take a message, until called again with null
     * (a socket with output queued in the transport). Loop thread.
     */
    public void onWritable(ZMQ.Socket socket, Runnable onWritable) {
        for (Registration r : registrations) {
            if (r.socket == socket) {
                r.onWritable = onWritable;
            }
        }
    }

    /** Stops polling {@code socket}. Loop thread. */
    public void unregister(ZMQ.Socket socket) {
        registrations.removeIf(r -> {
            if (r.socket == socket) {
                r.key.cancel();
                r.removed = true;
                r.kick.release();
                return true;
            }
            return false;
        });
        polled = registrations.toArray(new Registration[0]);
    }

    /** Runs {@code action} on the loop thread after {@code delayMillis}. Loop thread. */
    public Timer schedule(long delayMillis, Runnable action) {
        Timer timer = new Timer(System.nanoTime() + delayMillis * 1_000_000L, action);
        timers.add(timer);
        return timer;
    }

    /**
     * Ends the loop once the current task returns. Loop thread or any. From another thread, a task
     * queued just before may not run: to run last words (such as closing sockets), queue a task that
     * does them and then calls {@code stop()}.
     */
    public void stop() {
        running = false;
        execute(() -> {});
    }

    /** Completes when the loop thread has ended. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * How many messages a socket's callback may take in one round, so that one busy socket cannot
     * starve the others and the sends its messages cause go out between its bursts.
     */
    public static int maxBurst() {
        return MAX_BURST;
    }

    /**
     * While there is work (tasks queued, a socket readable, or writable with output waiting) the loop
     * does it and looks again, with no system call of its own: senders see {@code woken} still set and
     * do not wake the selector. Only with nothing left does it clear {@code woken}, look once more (a
     * sender that queued before the clear did not wake it; a ZeroMQ socket's signal is edge-triggered
     * and may have been consumed by the last operation on it) and sleep in the selector until a
     * wake-up, a socket's signal or the next timer.
     *
     * <p>A socket's signal can wake the selector before the socket has anything to give: JeroMQ
     * 0.6.0's {@code Signaler} writes its byte and only then counts it, and the socket reads the byte
     * only once it has been counted. The woken loop usually runs on the writer's core and preempts the
     * writer between the two steps, so the pipe stays readable, the socket reports nothing, and the
     * selector returns at once, again and again, until the writer gets the core back (hundreds of
     * thousands of empty rounds a second were counted in a DEALER loop under W2). So when a round
     * woken by a socket finds nothing to do, the loop yields the core before it selects again, which
     * lets the writer finish.
     */
    private void run() {
        boolean idleWake = false; // the last select returned for a socket, and there was nothing to do
        try {
            while (running) {
                boolean worked = runTasks();
                long wait = runTimers();
                if (!running) {
                    break;
                }
                worked |= serviceSockets();
                if (worked) {
                    idleWake = false;
                    continue;
                }
                woken.set(false);
                if (!tasks.isEmpty() || anyReady()) {
                    idleWake = false;
                    continue;
                }
                if (idleWake) {
                    idleWake = false;
                    Thread.yield(); // a socket's signal is written but not yet counted: let its writer run
                    continue;
                }
                idleWake = select(wait);
            }
        } catch (IOException | RuntimeException | Error e) {
            log.error("ZeroMQ loop {} failed", thread.getName(), e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("Could not close a selector: {}", e.toString());
            }
            for (Registration r : registrations) {
                r.kick.release(); // sockets the loop's owner left registered
            }
            registrations.clear();
            stopped.complete(null);
        }
    }

    /**
     * Sleeps until a wake-up, a socket's signal or {@code wait} ms (-1: no limit). Returns true if a
     * socket's signal ended the sleep (then a wake-up may have come too: its task is run next round).
     */
    private boolean select(long wait) throws IOException {
        int selected = wait < 0 ? selector.select() : selector.select(wait);
        if (selected == 0) {
            return false; // woken up, or the timer is due
        }
        selector.selectedKeys().clear();
        return true;
    }

    /** Runs the callbacks of every socket with input, or with room while output waits; true if any ran. */
    private boolean serviceSockets() {
        boolean worked = false;
        for (Registration r : polled) {
            if (r.removed) {
                continue; // unregistered by an earlier callback of this round
            }
            int events = r.socket.getEvents();
            if ((events & ZMQ.Poller.POLLIN) != 0) {
                safely(r.onReadable);
                worked = true;
            }
            if (r.onWritable != null && !r.removed && (events & ZMQ.Poller.POLLOUT) != 0) {
                safely(r.onWritable);
                worked = true;
            }
        }
        return worked;
    }

    private boolean anyReady() {
        for (Registration r : registrations) {
            int events = r.socket.getEvents();
            if ((events & ZMQ.Poller.POLLIN) != 0 || r.onWritable != null && (events & ZMQ.Poller.POLLOUT) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Runs the queued tasks; true if there was any. */
    private boolean runTasks() {
        Runnable task = tasks.poll();
        if (task == null) {
            return false;
        }
        do {
            safely(task);
        } while ((task = tasks.poll()) != null);
        return true;
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

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A task on {} failed", thread.getName(), e);
        }
    }
}
