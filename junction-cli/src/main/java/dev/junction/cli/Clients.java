package dev.junction.cli;

import dev.junction.Junction;
import dev.junction.RpcClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What {@code call} and {@code notify} share: building the endpoint URI and the client. */
final class Clients {
    private Clients() {}

    /** The URI to connect to, with the command-line options added; a malformed URI is a usage error. */
    static String endpoint(CommandSpec spec, ClientOptions options, String uri) {
        try {
            return options.endpointUri(uri);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A client builder with the deadline and connect timeout given. */
    static Junction.ClientBuilder builder(ClientOptions options) {
        return Junction.client().timeout(options.timeout).connectTimeout(options.connectTimeout);
    }

    /**
     * Connects. An unknown scheme or a bad URI option is a usage error.
     *
     * @throws dev.junction.TransportException when the connection cannot be made
     */
    static RpcClient connect(Junction.ClientBuilder builder, String uri, CommandSpec spec) {
        try {
            return builder.connect(uri);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
