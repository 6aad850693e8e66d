package dev.junction.broker;

import dev.junction.RpcServer;

/**
 * A worker in a JVM of its own, for the fault-injection tests and nothing else: {@code
 * WorkerProcess BACKEND NAME OPTIONS} serves {@link TestWorkers}' methods for the broker at {@code
 * BACKEND} ({@code host:port}), prints {@code started} once its server runs, and runs until killed.
 */
public final class WorkerProcess {
    private WorkerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        RpcServer server = TestWorkers.start(args[0], args[1], args.length > 2 ? args[2] : "");
        System.out.println("started");
        System.out.flush();
        server.awaitClose();
    }

    /** Starts {@code WorkerProcess} with this JVM's java and class path. */
    static Process spawn(String backend, String name, String options) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classPath,
                        WorkerProcess.class.getName(),
                        backend,
                        name,
                        options)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
