package dev.junction.broker.internal;

import dev.junction.broker.BrokerErrors;
import dev.junction.broker.BrokerStats;
import dev.junction.codec.Codec;
import dev.junction.codec.Codecs;
import dev.junction.transport.Endpoint;
import dev.junction.zeromq.internal.ZmqLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The broker itself: a ROUTER for clients (the {@link Frontend}), a ROUTER for workers (the {@link
 * Backend}), and the {@link Dispatcher} between them, all owned by one {@link ZmqLoop} thread.
 * This class opens, ticks, reports and closes them. Every method but the constructor runs on that
 * thread.
 */
public final class BrokerEngine {
    private final BrokerConfig config;
    private final ZmqLoop loop;
    private final BrokerSockets sockets;
    private final BrokerCounters counters = new BrokerCounters();
    private final Dispatcher dispatcher;
    private final Frontend frontend;
    private final Backend backend;

    public BrokerEngine(BrokerConfig config, ZmqLoop loop) {
        this.config = config;
        this.loop = loop;
        Codec codec = Codecs.forName(config.frontend().option("codec", "json"), config.limits());
        this.sockets = new BrokerSockets(loop);
        this.dispatcher = new Dispatcher(config, codec, sockets, counters);
        this.frontend = new Frontend(codec, sockets, dispatcher, counters);
        this.backend = new Backend(codec, sockets, dispatcher, frontend, counters);
    }

    /**
     * Binds both sockets and starts the heartbeat timer.
     *
     * @return the frontend and backend endpoints with their real ports
     * @throws dev.junction.TransportException if either cannot be bound
     */
    public Endpoint[] open() {
        Endpoint[] endpoints = sockets.bind(config, frontend::onReadable, backend::onReadable);
        loop.schedule(config.heartbeatMillis(), this::tick);
        return endpoints;
    }

    private void tick() {
        dispatcher.tick();
        loop.schedule(config.heartbeatMillis(), this::tick);
    }

    /** The counters now. */
    public BrokerStats stats() {
        List<BrokerStats.Worker> list = new ArrayList<>();
        for (WorkerState w : dispatcher.workers()) {
            list.add(new BrokerStats.Worker(w.name, w.capacity, w.jobs.size(), w.served, w.idempotent.globs()));
        }
        list.sort(Comparator.comparing(BrokerStats.Worker::name));
        return new BrokerStats(
                frontend.clientCount(),
                dispatcher.queued(),
                counters.requests,
                counters.notifications,
                counters.answered,
                counters.retried,
                counters.failed,
                counters.workersLost,
                counters.unmatched,
                list);
    }

    /**
     * Closes in order: every request queued or in flight is answered {@link
     * BrokerErrors#BROKER_CLOSING}, DEALER clients get BYE (a Junction client then closes), workers
     * get BYE (they reset and wait for a broker), and both sockets close with their linger.
     */
    public void close() {
        if (!sockets.isOpen()) {
            return;
        }
        for (Job job : dispatcher.takeAllJobs()) {
            dispatcher.finish(job);
            if (job.expectsAnswer()) {
                dispatcher.failJob(job, BrokerErrors.BROKER_CLOSING, "The broker is closing", null);
            }
        }
        for (ClientState client : frontend.clients()) {
            if (!client.lockStep()) {
                sockets.sendToClient(client.envelope, Wire.BYE);
            }
        }
        for (WorkerState worker : dispatcher.workers()) {
            sockets.sendToWorker(worker.identity, Wire.LEAVE);
        }
        sockets.close(-1);
    }
}
