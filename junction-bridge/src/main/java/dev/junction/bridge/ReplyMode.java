package dev.junction.bridge;

/**
 * When a buffered bridge answers a request. An unbuffered bridge always answers with the
 * downstream's answer.
 */
public enum ReplyMode {
    /**
     * The caller gets the downstream's real answer (result or error, verbatim) once the request has
     * been delivered, if it still waits then; the default. A caller that gave up (deadline,
     * cancellation, closed connection) does not withdraw the request: it was accepted, it is
     * delivered, and its answer is discarded.
     */
    DOWNSTREAM,
    /**
     * The caller gets {@code {"accepted": true, "seq": N}} as soon as the request is accepted (queued;
     * with a journal, written to disk), as the prior art's buffered proxy answered; the downstream's
     * answer is discarded. For fire-and-forget work over REQ/REP.
     */
    ACCEPTED;

    /**
     * Reads {@code downstream} or {@code accepted} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values for anything else
     */
    public static ReplyMode parse(String text) {
        for (ReplyMode value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown reply mode '" + text + "': use downstream or accepted");
    }
}
