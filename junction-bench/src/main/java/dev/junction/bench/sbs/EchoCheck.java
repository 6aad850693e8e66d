package dev.junction.bench.sbs;

/** The check every client makes on an echoed answer: same length as what was sent. */
final class EchoCheck {
    private EchoCheck() {}

    /** Null when {@code answer} echoes {@code sent}, else the failure to report. */
    static Throwable verify(String sent, String answer) {
        if (answer != null && answer.length() == sent.length()) {
            return null;
        }
        return new IllegalStateException(
                "wrong echo: " + (answer == null ? "null" : answer.length() + " chars") + " for " + sent.length());
    }
}
