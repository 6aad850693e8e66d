package dev.junction.bridge;

/**
 * A snapshot of a bridge's counters since it started (a durable bridge's {@code queued} includes
 * what it found in its journal).
 *
 * @param forwarded messages delivered downstream: requests answered by the downstream (with a
 *     result or an error) and notifications written to it
 * @param queued messages waiting in the buffer now (always 0 for an unbuffered bridge)
 * @param dropped messages discarded by the overflow policy ({@link Overflow#DROP_OLDEST}, {@link
 *     Overflow#DROP_NEWEST}, and notifications under {@link Overflow#REJECT})
 * @param rejected requests refused under {@link Overflow#REJECT}
 * @param failed requests an unbuffered bridge answered with an error because the downstream could
 *     not be reached or did not answer in time
 * @param retried delivery attempts a buffered bridge repeated after the downstream went away
 */
public record BridgeStats(long forwarded, long queued, long dropped, long rejected, long failed, long retried) {}
