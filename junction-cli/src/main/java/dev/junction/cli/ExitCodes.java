package dev.junction.cli;

/** The exit statuses of every {@code junction} command, as listed in its help and README. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The remote peer answered the call with a JSON-RPC error. */
    public static final int ERROR_ANSWER = 1;
    /** The transport failed: cannot connect or bind, the connection was lost, TLS failed. */
    public static final int TRANSPORT = 2;
    /** The call was not answered within its deadline ({@code --timeout}). */
    public static final int TIMEOUT = 3;
    /** Bad arguments or options: the usage error of sysexits.h (EX_USAGE). */
    public static final int USAGE = 64;
    /** Something unexpected failed inside the command (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
