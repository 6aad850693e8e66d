package dev.junction.testkit;

import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The methods the conformance suite's client answers, in namespace {@code client}: what the server
 * calls back and notifies. Thread-safe.
 */
@JsonRpcService("client")
public final class ConformanceClientServices {
    /** The full name of the method the server's {@code pushNotifications} notifies. */
    public static final String ON_EVENT = "client.onEvent";

    /** One event pushed by the server. */
    public record Event(String topic, int sequence) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @JsonRpcMethod
    public void onEvent(String topic, int sequence) {
        events.add(new Event(topic, sequence));
    }

    @JsonRpcMethod
    public int add(int a, int b) {
        return a + b;
    }

    /** The events received, in arrival order. */
    public List<Event> events() {
        return events;
    }
}
