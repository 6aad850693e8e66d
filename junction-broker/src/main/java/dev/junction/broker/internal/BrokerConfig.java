package dev.junction.broker.internal;

import dev.junction.Limits;
import dev.junction.transport.Endpoint;

/**
 * What a broker is told by its builder. Immutable.
 *
 * @param frontend where clients connect ({@code zmq-router://host:port?codec=..&hwm=..&linger=..})
 * @param backend where workers register ({@code zmq-router://host:port})
 * @param idempotent methods the broker may send again to another worker when theirs is lost
 * @param heartbeatMillis how often the broker sends each worker a heartbeat
 * @param liveness how many of a worker's own heartbeat intervals may pass in silence before it is
 *     dropped
 * @param queueLimit the most messages waiting for a worker
 * @param queueTimeoutMillis how long a request may wait for a worker before it is answered {@link
 *     dev.junction.broker.BrokerErrors#NO_WORKER}
 * @param limits frame size and the codec's limits for what clients send
 */
public record BrokerConfig(
        Endpoint frontend,
        Endpoint backend,
        MethodPatterns idempotent,
        long heartbeatMillis,
        int liveness,
        int queueLimit,
        long queueTimeoutMillis,
        Limits limits) {}
