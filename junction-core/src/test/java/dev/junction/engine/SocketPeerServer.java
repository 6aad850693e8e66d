package dev.junction.engine;

import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcClient;
import dev.junction.framing.Framing;
import dev.junction.service.Services;
import dev.junction.transport.StreamConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test server on a real loopback socket (port 0): each accepted socket becomes a Junction peer
 * over a {@link StreamConnection} with the given framing, answering {@code services}.
 */
final class SocketPeerServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final List<RpcClient> peers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SocketPeerServer(Framing framing, Limits limits, Services services) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> acceptLoop(framing, limits, services), "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Framing framing, Limits limits, Services services) {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                StreamConnection connection = StreamConnection.of(socket, framing, limits);
                peers.add(Junction.client().services(services).limits(limits).connect(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    List<RpcClient> peers() {
        return peers;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (RpcClient peer : peers) {
            peer.close();
        }
    }
}
