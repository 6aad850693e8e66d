package dev.junction.bench.sbs;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every system the runner knows, by name, in the order the table lists them. */
public final class Systems {
    private static final Map<String, BenchSystem> ALL = new LinkedHashMap<>();

    static {
        add(new JunctionSystem("junction-tcp", "tcp://127.0.0.1:0", uri -> uri, false, true));
        add(new JunctionSystem("junction-tcp-direct", "tcp://127.0.0.1:0", uri -> uri, false, true, true));
        add(new JunctionBlockingSystem());
        add(new JunctionSystem("junction-tls", "tls", uri -> uri, false, true) {
            @Override
            public Server start() {
                String[] uris = tlsUris();
                return withUris(uris[0], uri -> uri.substring(0, uri.indexOf('?')) + uris[1])
                        .start();
            }
        });
        add(new JunctionSystem("junction-ws", "ws://127.0.0.1:0/rpc", uri -> uri, false, true));
        add(new JunctionSystem("junction-http", "http://127.0.0.1:0/rpc", uri -> uri, false, true));
        add(new JunctionSystem(
                "junction-zmq",
                "zmq-router://127.0.0.1:0",
                uri -> uri.replace("zmq-router://", "zmq-dealer://"),
                false,
                false));
        add(new JunctionSystem(
                "junction-zmq-direct",
                "zmq-router://127.0.0.1:0",
                uri -> uri.replace("zmq-router://", "zmq-dealer://"),
                false,
                false,
                true));
        add(new JunctionSystem("junction-mem", "mem://side-by-side", uri -> uri, true, true));
        add(new NettyEchoSystem());
        add(new NettyJacksonSystem());
        add(new Jsonrpc4jSystem());
        add(new Lsp4jSystem());
        add(new GrpcSystem());
        add(new JeroMqSystem());
    }

    private Systems() {}

    private static void add(BenchSystem system) {
        ALL.put(system.name(), system);
    }

    /** The names of every system, in table order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * The system called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static BenchSystem byName(String name) {
        BenchSystem system = ALL.get(name);
        if (system == null) {
            throw new IllegalArgumentException("unknown system '" + name + "'; known: " + String.join(", ", names()));
        }
        return system;
    }

    /**
     * A tls:// URI on port 0 with a fresh certificate for 127.0.0.1 from a throw-away CA, written to
     * temp files, and the client's query trusting that CA ({@code ?trust=...}).
     */
    private static String[] tlsUris() {
        try {
            Path dir = Files.createTempDirectory("junction-bench-tls");
            dir.toFile().deleteOnExit(); // registered first, deleted last
            Instant now = Instant.now();
            CertificateBuilder base = new CertificateBuilder()
                    .notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(1, ChronoUnit.DAYS))
                    .ecp256();
            X509Bundle ca = base.copy()
                    .subject("CN=Bench CA")
                    .setIsCertificateAuthority(true)
                    .buildSelfSigned();
            X509Bundle bundle = base.copy()
                    .subject("CN=localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addExtendedKeyUsageServerAuth()
                    .buildIssuedBy(ca);
            Path cert = Files.writeString(dir.resolve("cert.pem"), bundle.getCertificatePathPEM());
            Path key = Files.writeString(dir.resolve("key.pem"), bundle.getPrivateKeyPEM());
            Path trust = Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
            trust.toFile().deleteOnExit();
            cert.toFile().deleteOnExit();
            key.toFile().deleteOnExit();
            return new String[] {
                "tls://127.0.0.1:0?cert=" + encode(cert) + "&key=" + encode(key), "?trust=" + encode(trust)
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a certificate", e);
        }
    }

    private static String encode(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }
}
