package dev.junction.transport;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typed attributes of a connection: the TLS session, a user's login, anything a handler wants to
 * keep per connection. Thread-safe.
 */
public final class Attributes {
    private final ConcurrentHashMap<Key<?>, Object> values = new ConcurrentHashMap<>();

    /** A typed key, compared by identity. Create each once, as a constant. */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        public static <T> Key<T> of(String name) {
            return new Key<>(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }

    /** Sets (or with null, removes) the value for {@code key}. */
    public <T> void set(Key<T> key, T value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** Sets the value only if none is present; returns the value now held. */
    @SuppressWarnings("unchecked")
    public <T> T setIfAbsent(Key<T> key, T value) {
        Object previous = values.putIfAbsent(key, value);
        return previous == null ? value : (T) previous;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
