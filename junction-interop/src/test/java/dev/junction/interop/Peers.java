package dev.junction.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the third-party peers are and whether they are installed. A missing peer fails the test
 * with what to install, unless {@code -Djunction.interop.skip=true} (for developers without them),
 * which skips it: CI installs the peers ({@code junction-interop/install-peers.sh}) and must run
 * these tests.
 */
final class Peers {
    /** Debian's interpreter: the python3 first on PATH may be another one, without Debian's modules. */
    static final String PYTHON = "/usr/bin/python3";

    /** What to do when a peer is missing: the one script installs every Debian and npm peer. */
    static final String INSTALL_HINT = "run junction-interop/install-peers.sh (the Debian packages and npm ci"
            + " in junction-interop), or pass -Djunction.interop.skip=true to skip the interop tests";

    private Peers() {}

    /** The junction-interop directory (surefire's working directory, or found from the root). */
    static Path moduleDir() {
        Path here = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        if (Files.isDirectory(here.resolve("peers"))) {
            return here;
        }
        Path nested = here.resolve("junction-interop");
        if (Files.isDirectory(nested.resolve("peers"))) {
            return nested;
        }
        throw new IllegalStateException("cannot find junction-interop/peers from " + here);
    }

    static Path script(String name) {
        return moduleDir().resolve("peers").resolve(name);
    }

    /** Fails (or skips, with the property) unless Debian's python3-bson is importable. */
    static void requirePython() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            missing(PYTHON + " not found (Debian's python3)");
        }
        String out = run(List.of(PYTHON, "-c", "import bson, sys; bson.encode({}); sys.stdout.write('ok')"));
        if (!out.startsWith("ok")) {
            missing("Debian's python3-bson is not installed: " + PYTHON + " cannot import bson (" + out.strip() + ")");
        }
    }

    /** Fails (or skips, with the property) unless node runs and npm bson 7.3.4 is in node_modules. */
    static void requireNode() {
        String version = run(List.of("node", "--version"));
        if (!version.startsWith("v")) {
            missing("node is not on PATH (" + version.strip() + ")");
        }
        Path pkg = moduleDir().resolve("node_modules/bson/package.json");
        if (!Files.isRegularFile(pkg)) {
            missing("npm bson is not installed: " + pkg + " is missing");
        }
        try {
            String json = Files.readString(pkg, StandardCharsets.UTF_8);
            if (!json.contains("\"version\": \"7.3.4\"")) {
                missing("node_modules/bson is not version 7.3.4 (package-lock.json pins it): rerun npm ci");
            }
        } catch (IOException e) {
            missing("cannot read " + pkg + ": " + e);
        }
    }

    /** Fails the test class with {@code what} and how to install, or skips it when asked to. */
    static void missing(String what) {
        if (Boolean.getBoolean("junction.interop.skip")) {
            Assumptions.abort("junction.interop.skip=true: " + what);
        }
        fail(what + ". To install: " + INSTALL_HINT);
    }

    /** Runs a short command; its stdout and stderr, or why it could not run. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out: " + command;
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot run " + command + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
