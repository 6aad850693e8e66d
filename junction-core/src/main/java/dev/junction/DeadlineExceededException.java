package dev.junction;

import java.time.Duration;

/** A call was not answered within its deadline. Its late answer, if any, is dropped. */
public class DeadlineExceededException extends JunctionException {
    private final Duration timeout;

    public DeadlineExceededException(String method, Duration timeout) {
        super("Call to '" + method + "' was not answered within " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    /** The time the call was allowed. */
    public Duration timeout() {
        return timeout;
    }
}
