package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import picocli.CommandLine;

/** Runs {@code junction} commands in-process, capturing their output and exit status. */
final class Cli {
    private Cli() {}

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {}

    /** Runs {@code args} to completion. */
    static Result run(String... args) {
        CommandLine cmd = JunctionCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** A fresh mem:// endpoint name, so tests never share one. */
    static String memUri() {
        return "mem://cli-" + UUID.randomUUID();
    }

    /** A TCP port on which nothing listens (it was free a moment ago). */
    static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code junction serve ARGS} running on a background thread until closed. */
    static final class Server implements AutoCloseable {
        private static final Pattern LISTENING = Pattern.compile("^Listening on (\\S+)$", Pattern.MULTILINE);

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final ServeCommand serve;
        private final Thread thread;
        private volatile int exit = -1;

        Server(String... args) {
            CommandLine cmd = JunctionCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            serve = (ServeCommand) cmd.getSubcommands().get("serve").getCommand();
            List<String> all = new ArrayList<>(List.of("serve"));
            all.addAll(List.of(args));
            thread = new Thread(() -> exit = cmd.execute(all.toArray(String[]::new)), "serve-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Starts serving {@code args} and waits until it printed {@code expected} endpoints. */
        static Server start(int expected, String... args) {
            Server server = new Server(args);
            Awaitility.await("serve listening")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.endpoints().size() >= expected || !server.thread.isAlive());
            assertThat(server.endpoints())
                    .as("endpoints printed; stderr: %s", server.err())
                    .hasSize(expected);
            return server;
        }

        static Server start(String... args) {
            return start(1, args);
        }

        /** The URIs printed as "Listening on URI". */
        List<String> endpoints() {
            List<String> uris = new ArrayList<>();
            Matcher m = LISTENING.matcher(out.toString());
            while (m.find()) {
                uris.add(m.group(1));
            }
            return uris;
        }

        String uri() {
            return endpoints().get(0);
        }

        String out() {
            return out.toString();
        }

        /** The call log so far. */
        String err() {
            return err.toString();
        }

        /** Waits until the call log contains {@code text}. */
        void awaitLog(String text) {
            Awaitility.await("log line " + text).atMost(Duration.ofSeconds(5)).until(() -> err().contains(text));
        }

        /** Stops gracefully (as Ctrl-C does) and returns the exit status. */
        int stop() throws InterruptedException {
            serve.stop();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("serve still running").isFalse();
            return exit;
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }
}
