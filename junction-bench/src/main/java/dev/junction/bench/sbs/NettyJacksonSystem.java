package dev.junction.bench.sbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.cli.bench.Caller;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON-RPC by hand on Netty and Jackson databind, without any RPC library: the server parses each
 * line into a tree and answers {@code {"jsonrpc":"2.0","result":params[0],"id":id}}; the client
 * writes a request tree per call and parses each answer, checking its id and result.
 */
final class NettyJacksonSystem implements BenchSystem {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] NEWLINE = {'\n'};

    @Override
    public String name() {
        return "netty-jackson";
    }

    @Override
    public Server start() throws InterruptedException {
        return NettyLines.serve(Answer::new, true);
    }

    @Override
    public Caller connect(String address, String payload) throws InterruptedException {
        long[] ids = {0, 0}; // next id to send, next id expected: both touched on the event loop only
        return NettyLines.connect(
                address,
                () -> {
                    ObjectNode request = MAPPER.createObjectNode();
                    request.put("jsonrpc", "2.0").put("method", "echo");
                    request.putArray("params").add(payload);
                    request.put("id", ++ids[0]);
                    return Unpooled.wrappedBuffer(write(request), NEWLINE);
                },
                line -> {
                    JsonNode answer = read(line);
                    if (answer.path("id").asLong() != ++ids[1]) {
                        return new IllegalStateException("answer out of order: " + answer.path("id"));
                    }
                    return EchoCheck.verify(payload, answer.path("result").textValue());
                });
    }

    private static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ByteBuf line) {
        try {
            return MAPPER.readTree((java.io.InputStream) new ByteBufInputStream(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request line, answers with its first param as the result. */
    private static final class Answer extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            JsonNode request = read(line);
            ObjectNode response = MAPPER.createObjectNode();
            response.put("jsonrpc", "2.0");
            response.set("result", request.path("params").path(0));
            response.set("id", request.get("id"));
            ctx.writeAndFlush(Unpooled.wrappedBuffer(write(response), NEWLINE));
        }
    }
}
