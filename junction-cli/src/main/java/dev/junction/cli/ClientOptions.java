package dev.junction.cli;

import dev.junction.transport.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connection options that {@code call} and {@code notify} share. Framing and TLS options are
 * mapped onto the endpoint URI's own options ({@code ?framing=...}, {@code ?cert=...}); an option
 * already in the URI wins.
 */
final class ClientOptions {
    @Option(
            names = "--framing",
            paramLabel = "NAME",
            description = "Framing on stream transports (tcp://, tls://): newline (default), rfc7464, netstring, "
                    + "content-length, frameless. Same as ?framing=NAME on the URI.")
    String framing;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}); then exit 3. "
                    + "Examples: 500ms, 5s, 2m.")
    Duration timeout;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long connecting may take (default: ${DEFAULT-VALUE}); then exit 2.")
    Duration connectTimeout;

    @Option(
            names = "--cert",
            paramLabel = "PEM",
            description = "tls://: this side's certificate chain (PEM), for mutual TLS. Same as ?cert=PEM.")
    Path cert;

    @Option(
            names = "--key",
            paramLabel = "PEM",
            description = "tls://: the private key of --cert (PKCS#8 PEM). Same as ?key=PEM.")
    Path key;

    @Option(
            names = "--trust",
            paramLabel = "PEM",
            description = "tls://: the CA certificates to trust (PEM) instead of the JDK's. Same as ?trust=PEM.")
    Path trust;

    @Option(
            names = "--insecure",
            description = "tls://: trust any server certificate (testing only). Same as ?insecure=true.")
    boolean insecure;

    /** {@code uri} with the options given on the command line added, unless the URI sets them. */
    String endpointUri(String uri) {
        Endpoint endpoint = Endpoint.parse(uri);
        endpoint = with(endpoint, "framing", framing);
        endpoint = with(endpoint, "cert", cert == null ? null : cert.toString());
        endpoint = with(endpoint, "key", key == null ? null : key.toString());
        endpoint = with(endpoint, "trust", trust == null ? null : trust.toString());
        endpoint = with(endpoint, "insecure", insecure ? "true" : null);
        return endpoint.equals(Endpoint.parse(uri)) ? uri : endpoint.toString();
    }

    private static Endpoint with(Endpoint endpoint, String name, String value) {
        return value == null || endpoint.option(name) != null ? endpoint : endpoint.withOption(name, value);
    }
}
