package dev.junction.netty.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one event loop group of the process, made on first use: native epoll where available, else
 * NIO; daemon threads named {@code junction-netty-*}, so it never keeps a JVM alive. Its threads
 * only do I/O and never run user code.
 */
final class EventLoops {
    private static final boolean EPOLL = !Boolean.getBoolean("junction.netty.noEpoll") && Epoll.isAvailable();

    private EventLoops() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("junction-netty", true), ioHandlerFactory());

        private static IoHandlerFactory ioHandlerFactory() {
            return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        }
    }

    static EventLoopGroup group() {
        return Holder.GROUP;
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Whether the native epoll transport is in use. */
    static boolean epoll() {
        return EPOLL;
    }
}
