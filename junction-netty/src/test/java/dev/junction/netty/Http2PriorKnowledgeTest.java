package dev.junction.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 with prior knowledge (h2c) on an http:// server's port, with Netty's own HTTP/2 client:
 * each stream is served as one HTTP/1.1 request would be (200 with the answer, 204 for a
 * notification, 405 for GET, 413 for a body over maxFrameBytes without losing the connection),
 * streams of one connection concurrently, and HTTP/1.1 clients keep working on the same port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2PriorKnowledgeTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private EventLoopGroup group;
    private RpcServer server;
    private Channel connection;

    @BeforeEach
    void start() throws Exception {
        server = Junction.server()
                .method("subtract", (ctx, p) -> p.get(0).asInt() - p.get(1).asInt())
                .method("block", (ctx, p) -> release.await(10, TimeUnit.SECONDS) ? "released" : "timed out")
                .method("release", (ctx, p) -> {
                    release.countDown();
                    return "ok";
                })
                .limits(dev.junction.Limits.builder().maxFrameBytes(1 << 20).build())
                .listen("http://127.0.0.1:0/rpc")
                .start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        connection = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Object msg) {}
                        }));
                    }
                })
                .connect("127.0.0.1", server.endpoints().get(0).port())
                .sync()
                .channel();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (connection != null) {
            connection.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        server.close();
    }

    @Test
    void aPostOnAStreamIsAnsweredLikeHttp11() throws Exception {
        FullHttpResponse res = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}"))
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(res.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}");
            assertThat(res.headers().contains(HttpHeaderNames.CONNECTION))
                    .as("no connection-specific header in HTTP/2")
                    .isFalse();
        } finally {
            res.release();
        }
    }

    @Test
    void streamsOfOneConnectionAreServedConcurrently() throws Exception {
        CompletableFuture<FullHttpResponse> blocked = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"block\",\"id\":1}"));
        FullHttpResponse released = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"release\",\"id\":2}"))
                .get(10, TimeUnit.SECONDS);
        FullHttpResponse first = blocked.get(10, TimeUnit.SECONDS);
        try {
            assertThat(released.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":2}");
            assertThat(first.content().toString(StandardCharsets.UTF_8))
                    .as("answered after the second stream released it")
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"released\",\"id\":1}");
        } finally {
            released.release();
            first.release();
        }
    }

    @Test
    void notificationGetsNoContentAndGetIsRefused() throws Exception {
        FullHttpResponse note = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[1,1]}"))
                .get(10, TimeUnit.SECONDS);
        FullHttpRequest getRequest = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/rpc");
        getRequest.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        FullHttpResponse get = send(getRequest).get(10, TimeUnit.SECONDS);
        try {
            assertThat(note.status().code()).isEqualTo(204);
            assertThat(note.content().readableBytes()).isZero();
            assertThat(get.status().code()).isEqualTo(405);
            assertThat(get.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST, OPTIONS");
        } finally {
            note.release();
            get.release();
        }
    }

    @Test
    void aBodyOverMaxFrameBytesIsRefusedWith413AndTheConnectionCarriesOn() throws Exception {
        String big =
                "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[\"" + "x".repeat(2 << 20) + "\"],\"id\":1}";
        FullHttpResponse refused = send(post(big)).get(10, TimeUnit.SECONDS);
        FullHttpResponse next = send(post("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[2,1],\"id\":2}"))
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(refused.status().code()).isEqualTo(413);
            assertThat(next.status().code())
                    .as("another stream of the same connection")
                    .isEqualTo(200);
            assertThat(next.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":2}");
        } finally {
            refused.release();
            next.release();
        }
    }

    @Test
    void http11ClientsStillWorkOnTheSamePort() {
        try (RpcClient client = Junction.connect(server.endpoints().get(0).toString())) {
            assertThat(client.call("subtract", int.class, 5, 3)).isEqualTo(2);
        }
    }

    private static FullHttpRequest post(String json) {
        FullHttpRequest req = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, "/rpc", Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        req.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
        return req;
    }

    /** Opens a new stream on the connection, sends {@code req} on it, completes with the aggregated answer. */
    private CompletableFuture<FullHttpResponse> send(FullHttpRequest req) throws Exception {
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel ch) {
                        ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false));
                        ch.pipeline().addLast(new HttpObjectAggregator(8 << 20));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
                                answer.complete(res.retain());
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                answer.completeExceptionally(cause);
                            }
                        });
                    }
                })
                .open()
                .sync()
                .getNow();
        stream.writeAndFlush(req).sync();
        return answer;
    }
}
