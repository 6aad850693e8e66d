package dev.junction.bench.sbs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;
import com.googlecode.jsonrpc4j.JsonRpcClient;
import com.googlecode.jsonrpc4j.StreamServer;
import dev.junction.cli.bench.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * jsonrpc4j 1.7: {@code StreamServer} (a thread per connection, unframed JSON over the socket) and
 * {@code JsonRpcClient.invokeAndReadResponse} on a socket. The client is blocking, one call at a
 * time per connection, so it runs W2 as the performance notes measured it, {@value #W2_CONNECTIONS}
 * threads with one connection each (one call in flight on each), W1 and W3 as they are, and not W4
 * (a thread per connection).
 */
final class Jsonrpc4jSystem implements BenchSystem {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** W2 for a blocking client: this many connections, each with its own thread and one call in flight. */
    static final int W2_CONNECTIONS = 16;

    /** The service jsonrpc4j exposes. */
    public interface Echo {
        /** Returns its argument. */
        String echo(String text);
    }

    @Override
    public String name() {
        return "jsonrpc4j";
    }

    @Override
    public Server start() throws IOException {
        Echo impl = text -> text;
        ServerSocket socket = new NoDelayServerSocket();
        StreamServer server = new StreamServer(new JsonRpcBasicServer(MAPPER, impl, Echo.class), 2048, socket);
        server.start();
        String address = "127.0.0.1:" + socket.getLocalPort();
        return new Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Override
    public Caller connect(String address, String payload) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        JsonRpcClient client = new JsonRpcClient(MAPPER);
        Object[] params = {payload};
        return new Caller() {
            @Override
            public void call(Completion done) {
                String answer;
                try {
                    answer = client.invokeAndReadResponse("echo", params, String.class, out, in);
                } catch (Throwable e) {
                    done.done(e);
                    return;
                }
                done.done(EchoCheck.verify(payload, answer));
            }

            @Override
            public boolean blocking() {
                return true;
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

    /**
     * A loopback server socket whose accepted sockets have TCP_NODELAY set: {@code StreamServer}
     * leaves Nagle's algorithm on, and with delayed ACKs each sequential call would then wait
     * tens of milliseconds, measuring the kernel's timers instead of the library.
     */
    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super(0, 1024, InetAddress.getLoopbackAddress());
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new Socket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    @Override
    public boolean supports(Workload workload) {
        return workload.inFlight() == 1 || workload == Workload.W2;
    }

    @Override
    public int connections(Workload workload) {
        return workload == Workload.W2 ? W2_CONNECTIONS : workload.connections();
    }

    @Override
    public int inFlight(Workload workload) {
        return workload == Workload.W2 ? 1 : workload.inFlight();
    }
}
