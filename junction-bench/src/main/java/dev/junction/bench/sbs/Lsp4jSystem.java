package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * LSP4J jsonrpc 1.0.0: a {@code Launcher} per socket on each side (Content-Length framing, Gson),
 * the server's {@code echo} answering with a completed future; the client calls through the remote
 * proxy, so any number of calls may be in flight.
 */
final class Lsp4jSystem implements BenchSystem {
    /** LSP4J logs every closed socket with its stack trace at INFO; kept here so the level sticks. */
    private static final Logger LSP4J_LOG = Logger.getLogger("org.eclipse.lsp4j");

    static {
        LSP4J_LOG.setLevel(Level.WARNING);
    }

    /** The server's service, as the client's proxy sees it. */
    public interface EchoServer {
        /** Returns its argument. */
        @JsonRequest("echo")
        CompletableFuture<String> echo(String text);
    }

    /** The client's (empty) local service. */
    public interface EchoClient {}

    /** The server's service: answers at once on the connection's reader thread. */
    public static final class Echo implements EchoServer {
        @Override
        public CompletableFuture<String> echo(String text) {
            return CompletableFuture.completedFuture(text);
        }
    }

    @Override
    public String name() {
        return "lsp4j";
    }

    @Override
    public Server start() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        EchoServer service = new Echo();
        Thread acceptor = new Thread(() -> accept(socket, service), "lsp4j-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        String address = "127.0.0.1:" + socket.getLocalPort();
        return new Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        };
    }

    private static void accept(ServerSocket socket, EchoServer service) {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                new Launcher.Builder<EchoClient>()
                        .setLocalService(service)
                        .setRemoteInterface(EchoClient.class)
                        .setInput(s.getInputStream())
                        .setOutput(s.getOutputStream())
                        .create()
                        .startListening();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public Caller connect(String address, String payload) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        socket.setTcpNoDelay(true);
        Launcher<EchoServer> launcher = new Launcher.Builder<EchoServer>()
                .setLocalService(new EchoClient() {})
                .setRemoteInterface(EchoServer.class)
                .setInput(socket.getInputStream())
                .setOutput(socket.getOutputStream())
                .create();
        launcher.startListening();
        EchoServer remote = launcher.getRemoteProxy();
        return new Caller() {
            @Override
            public void call(Completion done) {
                remote.echo(payload)
                        .whenComplete((answer, failure) ->
                                done.done(failure != null ? failure : EchoCheck.verify(payload, answer)));
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        };
    }
}
