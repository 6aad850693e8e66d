package dev.junction.bridge;

import java.util.Locale;

/**
 * What a buffered bridge does with a message that arrives while its queue is full. Every policy
 * counts what it discards in {@link BridgeStats}; a request discarded or refused is answered with
 * error -32000 naming the policy, so its caller never waits in vain. A notification cannot be
 * answered: it is discarded and counted.
 */
public enum Overflow {
    /** Discards the oldest queued message to make room (its waiting caller, if any, gets -32000). */
    DROP_OLDEST,
    /** Discards the arriving message (a request is answered -32000 "dropped"). */
    DROP_NEWEST,
    /** Refuses the arriving message: a request is answered -32000 "Bridge queue full"; the default. */
    REJECT;

    /**
     * Reads {@code drop-oldest}, {@code drop-newest} or {@code reject} (any case, {@code _} or
     * {@code -}).
     *
     * @throws IllegalArgumentException naming the accepted values for anything else
     */
    public static Overflow parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Overflow value : values()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException(
                "Unknown overflow policy '" + text + "': use drop-oldest, drop-newest or reject");
    }

    /** The policy as the CLI spells it ({@code drop-oldest}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
