package dev.junction.bench.sbs;

/** The strings the workloads echo. */
final class Payloads {
    /** The small call's string. */
    static final String HELLO = "hello";

    /** 64 KiB of printable ASCII that needs no JSON escaping. */
    static final String STRING_64_KIB = "abcdefghijklmnopqrstuvwxyz012345".repeat(64 * 1024 / 32);

    private Payloads() {}
}
