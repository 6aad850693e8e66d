package dev.junction.zeromq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy to one upstream port that can freeze the links it carries: a frozen link
 * keeps its TCP connections open but swallows every byte both ways, like a peer that hangs and stops
 * answering ZMTP PINGs. Links accepted after a freeze are carried normally. Counts accepted links
 * and links the client side closed. Test helper; its threads are daemons; close it to stop them.
 */
final class FreezableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean frozen;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            try {
                client.close();
                upstream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    FreezableProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "proxy-accept");
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int closedByClient() {
        return closedByClient.get();
    }

    /** Freezes every link open now. */
    void freezeAll() {
        links.forEach(l -> l.frozen = true);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Link link = new Link(client, upstream);
                links.add(link);
                accepted.incrementAndGet();
                daemon(() -> pump(link, client, upstream, true), "proxy-up");
                daemon(() -> pump(link, upstream, client, false), "proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!link.frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            if (fromClient) {
                closedByClient.incrementAndGet();
            }
        } catch (IOException e) {
            if (fromClient && !server.isClosed()) {
                closedByClient.incrementAndGet();
            }
        } finally {
            link.close();
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        links.forEach(Link::close);
    }
}
