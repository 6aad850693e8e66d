package dev.junction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code junction} command: {@code serve}, {@code call} and {@code notify} over any endpoint
 * URI whose transport is on the class path ({@code tcp://}, {@code tls://}, {@code mem://}...).
 * Exit statuses are those of {@link ExitCodes}.
 */
@Command(
        name = "junction",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "JSON-RPC 2.0 from the command line: serve demo methods, call them, notify them.",
        subcommands = {
            ServeCommand.class,
            CallCommand.class,
            NotifyCommand.class,
            BridgeCommand.class,
            BrokerCommand.class,
            WorkerCommand.class,
            KeysCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:success",
            " 1:the server answered with a JSON-RPC error (printed on stderr as 'error CODE: MESSAGE')",
            " 2:transport failure: cannot connect or listen, connection lost, TLS failed",
            " 3:the call was not answered within --timeout",
            "64:usage error: bad option, URI or PARAMS_JSON",
            "70:internal error (a bug: please report it with the stack trace)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  junction serve tcp://127.0.0.1:4000",
            "  junction call tcp://127.0.0.1:4000 subtract '[42, 23]'",
            "  junction call tcp://127.0.0.1:4000 subtract '{\"minuend\": 42, \"subtrahend\": 23}'",
            "  junction call --notifications tcp://127.0.0.1:4000 subscribe '[\"news\", 3, 100]'",
            "  junction notify tcp://127.0.0.1:4000 update '[1, 2, 3]'"
        })
public final class JunctionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, configured as {@link #main} runs it: every subcommand inherits the exit codes
     * above, and usage errors go to stderr with the usage. Tests run it in-process and set its
     * streams.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new JunctionCommand());
        CommandSpec top = cmd.getCommandSpec();
        for (CommandLine sub : cmd.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            spec.exitCodeOnInvalidInput(ExitCodes.USAGE);
            spec.exitCodeOnExecutionException(ExitCodes.INTERNAL);
            spec.usageMessage().exitCodeListHeading(top.usageMessage().exitCodeListHeading());
            spec.usageMessage().exitCodeList(top.usageMessage().exitCodeList());
        }
        return cmd;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: serve, call or notify");
    }
}
