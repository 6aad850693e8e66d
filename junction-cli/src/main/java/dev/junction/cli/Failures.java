package dev.junction.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns transport exceptions into the short reasons the command prints ("connection refused"). */
final class Failures {
    private Failures() {}

    /** Prints {@code line} on {@code err}, flushes, and returns {@code status} for the command to exit with. */
    static int report(java.io.PrintWriter err, String line, int status) {
        err.println(line);
        err.flush();
        return status;
    }

    /**
     * Why {@code failure} happened, in a few words: the root cause's kind ("connection refused",
     * "unknown host example.invalid", "TLS failed: ..."), else the innermost message without the
     * "Cannot connect to URI: " prefix that transports put in front of it.
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("timed out")) {
                    return "connection timed out";
                }
                if (m.contains("no route")) {
                    return "no route to host";
                }
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof TimeoutException) {
                return "timed out";
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
        }
        return stripPrefix(innermostMessage(failure));
    }

    private static String innermostMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static String stripPrefix(String message) {
        if (message.startsWith("Cannot connect to ")) {
            int sep = message.indexOf(": ", "Cannot connect to ".length());
            if (sep > 0) {
                return message.substring(sep + 2);
            }
        }
        return message;
    }
}
