package dev.junction.broker.internal;

/** The broker's running totals, reported by {@link BrokerEngine#stats()}. Loop thread only. */
final class BrokerCounters {
    long assignments;
    long requests;
    long notifications;
    long answered;
    long retried;
    long failed;
    long workersLost;
    long unmatched;
}
