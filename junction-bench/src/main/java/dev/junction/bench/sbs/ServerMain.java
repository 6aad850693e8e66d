package dev.junction.bench.sbs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The server JVM of the side-by-side runner: {@code ServerMain SYSTEM} starts that system's echo
 * server, prints {@code READY ADDRESS} on stdout, then obeys stdin, one command a line: {@code HEAP}
 * runs the garbage collector and prints {@code HEAP BYTES} (heap used after it); end of input or
 * {@code STOP} closes the server and exits 0. Exits 1 when the server cannot start.
 */
public final class ServerMain {
    private ServerMain() {}

    /** Runs the server until stdin ends. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ServerMain SYSTEM (one of " + Systems.names() + ")");
            System.exit(64);
        }
        BenchSystem.Server server;
        try {
            server = Systems.byName(args[0]).start();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println("READY " + server.address());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("STOP"); line = in.readLine()) {
            if (line.equals("HEAP")) {
                System.out.println("HEAP " + heapUsedAfterGc());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    /** Heap used after two full collections, in bytes. */
    static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
