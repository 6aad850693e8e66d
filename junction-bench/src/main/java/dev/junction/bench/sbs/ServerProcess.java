package dev.junction.bench.sbs;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ServerMain} in a JVM of its own: same java executable and class path as this JVM. Not
 * thread-safe: one thread drives it. {@link #close} stops it (and kills it if it does not exit).
 */
final class ServerProcess implements AutoCloseable {
    private static final long READY_SECONDS = 60;

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final Path log;
    private final String address;

    private ServerProcess(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.address = expect("READY ");
    }

    /**
     * Starts {@code system}'s server in a new JVM and waits (up to 60 s) for its address.
     *
     * @throws IOException if it does not start; the message quotes its log
     */
    static ServerProcess start(String system, List<String> jvmOptions) throws IOException {
        Path log = Files.createTempFile("junction-bench-server-" + system, ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.add(system);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            return new ServerProcess(process, log);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java")
                        .toString());
    }

    /** Where clients connect. */
    String address() {
        return address;
    }

    /** The server JVM's CPU time so far (user + system), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos())
                .orElse(-1L);
    }

    /** How often each of the server JVM's threads has gone to sleep so far (see {@link ThreadSleeps}). */
    Map<String, Long> sleeps() {
        return ThreadSleeps.of(process.pid());
    }

    /** The server JVM's heap used after a full GC, in bytes. */
    long heapUsedAfterGc() throws IOException {
        in.println("HEAP");
        return Long.parseLong(expect("HEAP "));
    }

    private String expect(String prefix) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String text = out.readLine();
                while (text != null && !text.startsWith(prefix)) {
                    text = out.readLine(); // the JVM's own output, such as -XX:StartFlightRecording's
                }
                return text;
            } catch (IOException e) {
                return null;
            }
        });
        String text;
        try {
            text = line.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            text = null;
        }
        if (text == null || !text.startsWith(prefix)) {
            throw new IOException("server JVM did not answer '" + prefix.trim() + "' (got " + text + "); its log " + log
                    + ":" + File.separator + System.lineSeparator() + Files.readString(log));
        }
        return text.substring(prefix.length());
    }

    @Override
    public void close() {
        in.println("STOP");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
