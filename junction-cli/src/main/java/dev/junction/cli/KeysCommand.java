package dev.junction.cli;

import dev.junction.zeromq.ZeroMqKeys;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code junction keys [--out FILE]}: a new CURVE key pair for ZeroMQ, printed in Z85 or written
 * as the two certificate files pyzmq and czmq use ({@code FILE} and {@code FILE_secret}).
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Generates a CURVE key pair for ZeroMQ's zmq-* endpoints (curveKeyFile=, curveServerKey=, curveAllow=).",
            "Without --out it prints the pair in Z85, 'public: KEY' and 'secret: KEY' on two lines;",
            "with --out FILE it writes FILE (the public certificate) and FILE_secret (both keys, owner-only",
            "permissions) in the format of pyzmq's zmq.auth, refusing to overwrite, and prints the public key."
        })
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the certificate files FILE and FILE_secret instead of printing the secret key.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ZeroMqKeys.KeyPair pair = ZeroMqKeys.generate();
        if (out == null) {
            stdout.println("public: " + pair.publicKey());
            stdout.println("secret: " + pair.secretKey());
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            List<Path> files = ZeroMqKeys.write(pair, out);
            stdout.println("public: " + pair.publicKey());
            stdout.println("wrote " + files.get(0) + " and " + files.get(1));
            stdout.flush();
            return ExitCodes.OK;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("junction keys: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
