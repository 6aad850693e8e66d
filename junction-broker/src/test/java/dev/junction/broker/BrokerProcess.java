package dev.junction.broker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A broker in a JVM of its own, for the crash test and nothing else: {@code BrokerProcess} binds
 * both sides on free ports, prints {@code ports FRONT BACK}, and runs until killed.
 */
public final class BrokerProcess {
    private BrokerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Broker broker = Broker.builder()
                .frontend("zmq-router://127.0.0.1:0")
                .backend("zmq-router://127.0.0.1:0")
                .heartbeatInterval(Duration.ofMillis(200))
                .build()
                .start();
        System.out.println("ports " + broker.frontendEndpoint().port() + " "
                + broker.backendEndpoint().port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts it; returns the process and its two ports once printed. */
    static Object[] spawn() throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(
                        java, "-XX:TieredStopAtLevel=1", "-cp", classPath, BrokerProcess.class.getName())
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ports ")) {
                String[] ports = line.split(" ");
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discard the rest of its output
                        }
                    } catch (java.io.IOException e) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Object[] {process, Integer.parseInt(ports[1]), Integer.parseInt(ports[2])};
            }
        }
        throw new IllegalStateException("The broker process ended without printing its ports");
    }
}
