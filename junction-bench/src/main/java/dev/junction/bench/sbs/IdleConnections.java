package dev.junction.bench.sbs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The idle-connections measurement: a Junction tcp:// server in a JVM of its own, its heap used
 * after a full GC before and after this JVM opens N plain TCP connections to it that send nothing.
 * The server is given a few seconds to accept them all; the heap is read three times, 1 s apart,
 * and the last reading is reported.
 */
final class IdleConnections {
    private IdleConnections() {}

    static void measure(int count, List<String> jvmOptions, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start("junction-tcp", jvmOptions)) {
            long before = server.heapUsedAfterGc();
            String[] hostPort = server.address().replace("tcp://", "").split("[:/?]");
            InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            List<Socket> sockets = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Socket socket = new Socket();
                    socket.connect(address, 10_000);
                    sockets.add(socket);
                    if ((i + 1) % 1000 == 0) {
                        err.println("opened " + (i + 1) + " idle connections");
                    }
                }
                long after = 0;
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(1000);
                    after = server.heapUsedAfterGc();
                }
                out.printf(
                        Locale.ROOT,
                        "Idle connections: %d to junction-tcp; server heap used after GC: %.1f MiB before, %.1f MiB"
                                + " with them, %.0f bytes per connection%n",
                        count,
                        before / 1048576.0,
                        after / 1048576.0,
                        (after - before) / (double) count);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
