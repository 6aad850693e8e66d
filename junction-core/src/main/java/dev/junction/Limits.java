package dev.junction;

import java.util.Objects;

/**
 * Bounds on what a peer accepts and holds, all with safe defaults. An error that hits a limit names
 * the setting to change (for example {@code Limits.maxFrameBytes}). Immutable; make one with {@link
 * #builder()} or change one with {@link #toBuilder()}.
 */
public final class Limits {
    private static final Limits DEFAULTS = builder().build();

    private final int maxFrameBytes;
    private final int maxBatchSize;
    private final int maxNestingDepth;
    private final int maxStringLength;
    private final int maxPendingCalls;
    private final int maxConcurrentRequests;
    private final int maxQueuedRequests;

    private Limits(Builder b) {
        this.maxFrameBytes = b.maxFrameBytes;
        this.maxBatchSize = b.maxBatchSize;
        this.maxNestingDepth = b.maxNestingDepth;
        this.maxStringLength = b.maxStringLength;
        this.maxPendingCalls = b.maxPendingCalls;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.maxQueuedRequests = b.maxQueuedRequests;
    }

    /** The defaults: 16 MiB frames, 1,000-member batches, depth 500, and so on. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFrameBytes = maxFrameBytes;
        b.maxBatchSize = maxBatchSize;
        b.maxNestingDepth = maxNestingDepth;
        b.maxStringLength = maxStringLength;
        b.maxPendingCalls = maxPendingCalls;
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.maxQueuedRequests = maxQueuedRequests;
        return b;
    }

    /** Largest frame (one encoded message or batch) accepted or sent, in bytes. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Most members in one inbound batch. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** Deepest nesting of arrays and objects in one message. */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** Longest string value (in characters) in one message. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Most outbound calls awaiting an answer on one connection. */
    public int maxPendingCalls() {
        return maxPendingCalls;
    }

    /** Most inbound requests running at once on one connection; more wait in a queue. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** Most inbound requests waiting for a free slot on one connection; more are refused. */
    public int maxQueuedRequests() {
        return maxQueuedRequests;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Limits)) {
            return false;
        }
        Limits l = (Limits) o;
        return maxFrameBytes == l.maxFrameBytes
                && maxBatchSize == l.maxBatchSize
                && maxNestingDepth == l.maxNestingDepth
                && maxStringLength == l.maxStringLength
                && maxPendingCalls == l.maxPendingCalls
                && maxConcurrentRequests == l.maxConcurrentRequests
                && maxQueuedRequests == l.maxQueuedRequests;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maxFrameBytes,
                maxBatchSize,
                maxNestingDepth,
                maxStringLength,
                maxPendingCalls,
                maxConcurrentRequests,
                maxQueuedRequests);
    }

    @Override
    public String toString() {
        return "Limits{maxFrameBytes=" + maxFrameBytes + ", maxBatchSize=" + maxBatchSize
                + ", maxNestingDepth=" + maxNestingDepth + ", maxStringLength=" + maxStringLength
                + ", maxPendingCalls=" + maxPendingCalls + ", maxConcurrentRequests="
                + maxConcurrentRequests + ", maxQueuedRequests=" + maxQueuedRequests + "}";
    }

    /** Builds {@link Limits}. Not thread-safe. */
    public static final class Builder {
        private int maxFrameBytes = 16 * 1024 * 1024;
        private int maxBatchSize = 1_000;
        private int maxNestingDepth = 500;
        private int maxStringLength = 16 * 1024 * 1024;
        private int maxPendingCalls = 10_000;
        private int maxConcurrentRequests = 256;
        private int maxQueuedRequests = 10_000;

        private Builder() {}

        public Builder maxFrameBytes(int value) {
            this.maxFrameBytes = positive(value, "maxFrameBytes");
            return this;
        }

        public Builder maxBatchSize(int value) {
            this.maxBatchSize = positive(value, "maxBatchSize");
            return this;
        }

        public Builder maxNestingDepth(int value) {
            this.maxNestingDepth = positive(value, "maxNestingDepth");
            return this;
        }

        public Builder maxStringLength(int value) {
            this.maxStringLength = positive(value, "maxStringLength");
            return this;
        }

        public Builder maxPendingCalls(int value) {
            this.maxPendingCalls = positive(value, "maxPendingCalls");
            return this;
        }

        public Builder maxConcurrentRequests(int value) {
            this.maxConcurrentRequests = positive(value, "maxConcurrentRequests");
            return this;
        }

        public Builder maxQueuedRequests(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxQueuedRequests must be >= 0: " + value);
            }
            this.maxQueuedRequests = value;
            return this;
        }

        public Limits build() {
            return new Limits(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0: " + value);
            }
            return value;
        }
    }
}
