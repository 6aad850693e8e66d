package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * The transport ceiling: raw Netty echoing each newline-terminated line as it came, no JSON parsed
 * anywhere. The client sends the same bytes a Junction client sends for the call (the JSON-RPC
 * request of {@code echo(payload)}) and checks the echoed line's length.
 */
final class NettyEchoSystem implements BenchSystem {
    @Override
    public String name() {
        return "netty-echo";
    }

    @Override
    public Server start() throws InterruptedException {
        return NettyLines.serve(Echo::new, false);
    }

    @Override
    public Caller connect(String address, String payload) throws InterruptedException {
        byte[] line = ("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + payload + "\"],\"id\":1}\n")
                .getBytes(StandardCharsets.UTF_8);
        return NettyLines.connect(
                address,
                () -> Unpooled.wrappedBuffer(line),
                echoed -> echoed.readableBytes() == line.length - 1
                        ? null
                        : new IllegalStateException("echoed " + echoed.readableBytes() + " bytes"));
    }

    /** Writes every line back, newline included, one flush each. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
