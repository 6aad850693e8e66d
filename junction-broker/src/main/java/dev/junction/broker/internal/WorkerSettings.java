package dev.junction.broker.internal;

import dev.junction.transport.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@code zmq-worker} URI's options, checked. Immutable. */
record WorkerSettings(
        Endpoint endpoint,
        String address,
        String name,
        int capacity,
        long heartbeatMillis,
        int liveness,
        MethodPatterns idempotent,
        int hwm,
        long linger) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static WorkerSettings of(Endpoint endpoint) {
        String address = ZmqAddresses.of(endpoint, Set.of("zmq-worker"), false);
        int capacity = positive(endpoint, "capacity", 16);
        long heartbeat = endpoint.durationOption("heartbeat", java.time.Duration.ofSeconds(1))
                .toMillis();
        if (heartbeat < 1) {
            throw new IllegalArgumentException("Option heartbeat of " + endpoint + " must be at least 1 ms");
        }
        String name = endpoint.option("name", defaultName());
        return new WorkerSettings(
                endpoint,
                address,
                name,
                capacity,
                heartbeat,
                positive(endpoint, "liveness", 3),
                MethodPatterns.of(List.of(endpoint.option("idempotent", ""))),
                positive(endpoint, "hwm", 1000),
                Long.parseLong(endpoint.option("linger", "1000")));
    }

    private static int positive(Endpoint endpoint, String option, int defaultValue) {
        String text = endpoint.option(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "Option " + option + " of " + endpoint + " must be a whole number >= 1, not '" + text + "'");
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "#" + COUNTER.incrementAndGet();
    }
}
