package dev.junction.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer script run as a child process: its stdout read as JSON lines, its stderr kept for failure
 * messages. Every wait is bounded; on timeout, or on close, the process (and anything it started) is
 * killed.
 */
final class PeerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allLines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.outReader = pump(process.getInputStream(), line -> {
            allLines.add(line);
            lines.add(line);
        });
        this.errReader =
                pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    static PeerProcess start(String name, Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close(); // no stdin
            return new PeerProcess(name, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private Thread pump(InputStream in, Consumer<String> sink) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException ignored) {
                        // the process was killed
                    }
                },
                name + "-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The next stdout line as JSON, waiting at most {@code timeout}. */
    JsonNode nextLine(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                kill();
                throw new AssertionError(name + " printed no line within " + timeout + describe());
            }
            return parse(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits for the process to exit (killing it after {@code timeout}), checks it exited 0, and
     * returns every stdout line as JSON.
     */
    List<JsonNode> awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not exit within " + timeout + describe());
            }
            outReader.join(5_000);
            errReader.join(5_000);
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " exited with " + process.exitValue() + describe());
            }
            List<JsonNode> out = new ArrayList<>();
            synchronized (allLines) {
                for (String line : allLines) {
                    out.add(parse(line));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(name + " printed a line that is not JSON: " + line + describe(), e);
        }
    }

    /** What the peer printed, for failure messages. */
    String describe() {
        return "\n--- " + name + " stdout ---\n" + String.join("\n", allLines) + "\n--- " + name + " stderr ---\n"
                + stderr;
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
