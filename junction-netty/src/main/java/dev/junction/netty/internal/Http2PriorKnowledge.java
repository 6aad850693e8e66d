package dev.junction.netty.internal;

import dev.junction.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.List;
import java.util.function.Consumer;

/**
 * HTTP/2 over cleartext with prior knowledge (h2c, RFC 9113 3.3) on an {@code http://} server's
 * port, next to HTTP/1.1: the first bytes of a connection decide. If they are the HTTP/2 client
 * preface, the HTTP/1.1 handlers are replaced by Netty's HTTP/2 frame codec and a stream
 * multiplexer; each stream gets the same handlers an HTTP/1.1 connection has (converted to HTTP/1.1
 * objects, aggregated up to {@code maxFrameBytes}, the gate's path, origin and authentication
 * checks, one {@link HttpExchange}), so a stream is served exactly as one HTTP/1.1 request is, and
 * streams of one connection are served concurrently. Anything else: this handler removes itself
 * and HTTP/1.1 carries on. No h2c {@code Upgrade:} and no ALPN (https stays HTTP/1.1). On the
 * channel's event loop.
 */
final class Http2PriorKnowledge extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final WebSettings settings;
    private final Consumer<Connection> onAccept;

    Http2PriorKnowledge(WebSettings settings, Consumer<Connection> onAccept) {
        this.settings = settings;
        this.onAccept = onAccept;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int n = Math.min(in.readableBytes(), prefaceLength);
        if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), n)) {
            ctx.pipeline().remove(this); // HTTP/1.1: the buffered bytes go on to its codec
            return;
        }
        if (n < prefaceLength) {
            return; // so far it looks like the preface: wait for the rest
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove("http");
        p.remove("aggregator");
        p.remove("gate");
        p.remove("junction");
        p.addLast("h2", Http2FrameCodecBuilder.forServer().build());
        p.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                initStream(stream);
            }
        }));
        p.remove(this); // the preface and what follows go on to the HTTP/2 codec
    }

    private void initStream(Channel stream) {
        ChannelPipeline p = stream.pipeline();
        p.addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
        p.addLast("aggregator", new HttpObjectAggregator(settings.common.limits.maxFrameBytes()));
        p.addLast("gate", new HttpGate(settings, false));
        p.addLast("junction", new HttpServers.Handler(settings, onAccept));
    }
}
