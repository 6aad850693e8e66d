package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code junction.jar}, run as a user runs it: {@code java -jar} in separate JVMs,
 * outside Maven's class path. Runs under failsafe in {@code verify}, after {@code package}; skipped
 * only when the jar has not been built.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JunctionJarIT {
    private static final String[] SERVICES = {
        "dev.junction.transport.TransportProvider",
        "dev.junction.codec.CodecProvider",
        "dev.junction.framing.FramingProvider"
    };

    static Path jar;

    @BeforeAll
    static void findJar() {
        // failsafe sets junction.jar (see the POM); surefire does not, so a -Dtest pattern that also
        // matches this class does not run it against a stale jar before package
        String path = System.getProperty("junction.jar");
        assumeTrue(path != null, "runs under failsafe, after package");
        jar = Path.of(path);
        assumeTrue(Files.isRegularFile(jar), "run after package: no " + jar);
    }

    record Run(int exit, String out, String err) {}

    static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        Collections.addAll(command, args);
        return new ProcessBuilder(command);
    }

    static Run run(String... args) throws Exception {
        Process p = java(args).start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<" + e + ">";
            }
        });
    }

    @Test
    void the_jar_registers_every_service_provider_of_its_modules() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String service : SERVICES) {
                Set<String> expected = new TreeSet<>();
                for (URL url :
                        Collections.list(getClass().getClassLoader().getResources("META-INF/services/" + service))) {
                    try (InputStream in = url.openStream()) {
                        expected.addAll(providers(in));
                    }
                }
                ZipEntry entry = file.getEntry("META-INF/services/" + service);
                Set<String> packaged = new TreeSet<>();
                if (entry != null) {
                    try (InputStream in = file.getInputStream(entry)) {
                        packaged.addAll(providers(in));
                    }
                }
                assertThat(packaged).as(service).containsAll(expected);
            }
            assertThat(file.getEntry("META-INF/services/dev.junction.transport.TransportProvider"))
                    .isNotNull();
        }
    }

    private static List<String> providers(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void version_runs_from_the_jar() throws Exception {
        Run r = run("--version");
        assertThat(r.out()).startsWith("junction 0.");
        assertThat(r.exit()).isZero();
    }

    @Test
    void a_call_to_a_closed_port_exits_2_saying_where() throws Exception {
        Run r = run("call", "tcp://127.0.0.1:" + Cli.freePort(), "echo", "[1]");
        assertThat(r.err()).containsPattern("^cannot connect to tcp://127\\.0\\.0\\.1:\\d+: connection refused");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void serve_in_one_jvm_answers_call_and_notify_from_others_and_stops_gracefully_on_sigterm() throws Exception {
        // stderr to a file: destroy() closes the pipes, and the log written while stopping matters here
        Path serverLog = Files.createTempFile("junction-serve", ".log");
        Process server = java("serve", "tcp://127.0.0.1:0")
                .redirectError(serverLog.toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("first line of serve").startsWith("Listening on tcp://127.0.0.1:");
            String uri = line.substring("Listening on ".length());

            Run sub = run("call", uri, "subtract", "{\"minuend\": 42, \"subtrahend\": 23}");
            assertThat(sub.out()).isEqualTo("19" + System.lineSeparator());
            assertThat(sub.exit()).isZero();

            Run fail = run("call", uri, "fail", "[-32000, \"from another JVM\"]");
            assertThat(fail.err()).isEqualTo("error -32000: from another JVM" + System.lineSeparator());
            assertThat(fail.exit()).isEqualTo(1);

            Run notify = run("notify", uri, "update", "[\"across processes\"]");
            assertThat(notify.exit()).isZero();

            Run events = run("call", "--notifications", "--max-notifications", "2", uri, "subscribe", "[\"t\", 2, 10]");
            assertThat(events.out().lines()).hasSize(3).last().asString().contains("\"seq\":2");
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes gracefully
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String log = Files.readString(serverLog);
        Files.delete(serverLog);
        assertThat(log)
                .containsPattern("request \\d+ subtract \\{\"minuend\":42,\"subtrahend\":23\\}")
                .contains("notification update [\"across processes\"]")
                .containsSubsequence("Shutting down (grace 5 s)", "Stopped");
    }
}
