package dev.junction.broker;

/**
 * The JSON-RPC error codes the broker answers with itself, all in the specification's server-error
 * range. Every such error carries {@code data} with the details named below.
 */
public final class BrokerErrors {
    /** The broker's queue was full: no worker had room and {@code queueLimit} requests were waiting. */
    public static final int QUEUE_FULL = -32000;
    /**
     * No worker had room for the request within {@code queueTimeout} (or none was registered). Data:
     * {@code {"method", "waitedMillis", "workers"}}.
     */
    public static final int NO_WORKER = -32001;
    /**
     * The worker handling the request was lost (its heartbeats stopped, or it registered again
     * after a reset) and the request was not retried: its method is not idempotent, or it had
     * been retried once already. Data: {@code {"worker", "method", "attempts", "reason"}}.
     */
    public static final int WORKER_LOST = -32002;
    /** The broker closed while the request was queued or in flight. */
    public static final int BROKER_CLOSING = -32003;

    private BrokerErrors() {}
}
