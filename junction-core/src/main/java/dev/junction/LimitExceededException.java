package dev.junction;

/**
 * A configured bound was hit. The message names the {@link Limits} setting to change, as in {@code
 * "more than 10000 calls pending (Limits.maxPendingCalls)"}.
 */
public class LimitExceededException extends JunctionException {
    private final String setting;

    public LimitExceededException(String message, String setting) {
        super(message + " (Limits." + setting + ")");
        this.setting = setting;
    }

    /** The name of the {@link Limits} setting that was exceeded. */
    public String setting() {
        return setting;
    }
}
