package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Plain Netty 4.2 (NIO, one flush per message) over newline-framed TCP, for the systems that use no
 * RPC library: a server whose per-connection handler a system supplies, and a client {@link Caller}
 * that matches answers to calls in order. Event-loop groups are shared per JVM and never shut down
 * (the JVM exits when done).
 */
final class NettyLines {
    /** The longest line accepted: room for W3's 64 KiB string and its JSON envelope. */
    static final int MAX_LINE = 1 << 20;

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

    private NettyLines() {}

    /** Starts a server on a free loopback port; {@code handler} makes each connection's last handler. */
    static BenchSystem.Server serve(Supplier<ChannelHandler> handler, boolean stripDelimiter)
            throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(GROUP)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, stripDelimiter, true), handler.get());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        String address = "127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
        return new BenchSystem.Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                server.close().syncUninterruptibly();
            }
        };
    }

    /**
     * Connects to {@code address} (host:port). Each call writes {@code request.get()} (a whole line,
     * newline included) and flushes; each line received (without its newline) completes the oldest
     * call with {@code check}'s verdict (null for a good answer).
     */
    static Caller connect(String address, Supplier<ByteBuf> request, Function<ByteBuf, Throwable> check)
            throws InterruptedException {
        int colon = address.lastIndexOf(':');
        LineCaller caller = new LineCaller(request, check);
        Channel channel = new Bootstrap()
                .group(GROUP)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, true, true), caller.inbound());
                    }
                })
                .connect(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .sync()
                .channel();
        caller.channel = channel;
        return caller;
    }

    /** Calls in order on the channel's event loop; answers complete them in the same order. */
    private static final class LineCaller implements Caller {
        private final Supplier<ByteBuf> request;
        private final Function<ByteBuf, Throwable> check;
        private final ArrayDeque<Completion> pending = new ArrayDeque<>();
        volatile Channel channel;

        LineCaller(Supplier<ByteBuf> request, Function<ByteBuf, Throwable> check) {
            this.request = request;
            this.check = check;
        }

        @Override
        public void call(Completion done) {
            if (channel.eventLoop().inEventLoop()) {
                send(done);
            } else {
                channel.eventLoop().execute(() -> send(done));
            }
        }

        private void send(Completion done) {
            if (!channel.isActive()) {
                done.done(new IllegalStateException("connection closed"));
                return;
            }
            pending.add(done);
            channel.writeAndFlush(request.get());
        }

        ChannelHandler inbound() {
            return new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                    Completion done = pending.poll();
                    if (done != null) {
                        done.done(check.apply(line));
                    }
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    for (Completion done = pending.poll(); done != null; done = pending.poll()) {
                        done.done(new IllegalStateException("connection closed"));
                    }
                }
            };
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
