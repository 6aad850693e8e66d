package dev.junction.message;

import java.util.List;

/**
 * Several messages sent as one JSON array: requests and notifications one way, responses the other.
 * The member list is an immutable copy. Batches do not nest.
 */
public record Batch(List<Message> members) implements Message {
    public Batch {
        members = List.copyOf(members);
        for (Message m : members) {
            if (m instanceof Batch) {
                throw new IllegalArgumentException("Batches do not nest");
            }
        }
    }
}
