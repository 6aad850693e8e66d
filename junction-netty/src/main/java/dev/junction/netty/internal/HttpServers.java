package dev.junction.netty.internal;

import dev.junction.message.Batch;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Request;
import dev.junction.transport.Connection;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code http://} and {@code https://} servers: each POST is one {@link HttpExchange}, a connection
 * that carries one inbound frame (the body) and whose answer is the HTTP response. Requests on one
 * keep-alive connection are served one after the other (HTTP/1.1 answers in order).
 *
 * <pre>
 * [tls] [h2c-sniffer] http-codec aggregator(maxFrameBytes) gate [idle] HttpServers.Handler
 * </pre>
 *
 * On {@code http://}, a connection that opens with the HTTP/2 preface is served as HTTP/2 (see
 * {@link Http2PriorKnowledge}): each stream gets {@code aggregator gate Handler} of its own.
 */
final class HttpServers {
    private HttpServers() {}

    static void initServer(Channel ch, WebSettings w, SslContext ssl, Consumer<Connection> onAccept) {
        Settings s = w.common;
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", Links.sslHandler(ch, s, ssl, false));
        }
        if (ssl == null) {
            p.addLast("h2c-sniffer", new Http2PriorKnowledge(w, onAccept)); // HTTP/2 with prior knowledge
        }
        p.addLast("http", new HttpServerCodec());
        p.addLast("aggregator", new HttpObjectAggregator(s.limits.maxFrameBytes()));
        p.addLast("gate", new HttpGate(w, false));
        Links.addIdle(p, s);
        p.addLast("junction", new Handler(w, onAccept));
        ch.config().setAutoRead(true);
    }

    /** Whether the engine answers {@code message}: requests and invalid messages do, notifications do not. */
    static boolean expectsAnswer(Message message) {
        if (message instanceof Request) {
            return true;
        }
        if (message instanceof InvalidMessage) {
            return !((InvalidMessage) message).wasResponse();
        }
        if (message instanceof Batch) {
            Batch batch = (Batch) message;
            return batch.members().isEmpty() || batch.members().stream().anyMatch(HttpServers::expectsAnswer);
        }
        return false;
    }

    /** One per channel: checks method and content type, and serves one exchange at a time. */
    static final class Handler extends ChannelInboundHandlerAdapter {
        private final WebSettings settings;
        private final Consumer<Connection> onAccept;
        private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
        private ChannelHandlerContext ctx;
        private HttpExchange current;

        Handler(WebSettings settings, Consumer<Connection> onAccept) {
            this.settings = settings;
            this.onAccept = onAccept;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            ctx = context;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) {
            if (!(msg instanceof FullHttpRequest)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            FullHttpRequest req = (FullHttpRequest) msg;
            if (current != null) {
                waiting.add(req); // pipelined: answered in order, after the current one
                context.channel().config().setAutoRead(false);
                return;
            }
            serve(req);
        }

        private void serve(FullHttpRequest req) {
            String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (!req.method().equals(HttpMethod.POST)) {
                FullHttpResponse res = HttpErrors.response(
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        settings,
                        "Method not allowed: send JSON-RPC with POST",
                        origin);
                res.headers().set(HttpHeaderNames.ALLOW, "POST, OPTIONS");
                reject(req, res);
                return;
            }
            if (!acceptable(req.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
                reject(
                        req,
                        HttpErrors.response(
                                HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                                settings,
                                "Unsupported media type: send " + settings.contentType(),
                                origin));
                return;
            }
            byte[] body = ByteBufUtil.getBytes(req.content());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            boolean http10 = req.protocolVersion().equals(io.netty.handler.codec.http.HttpVersion.HTTP_1_0);
            req.release();
            boolean answer = expectsAnswer(settings.codecOrJson().decode(body));
            Channel ch = ctx.channel();
            current = new HttpExchange(this, ch, settings, body, answer, keepAlive, http10, origin);
            current.attributesFrom(ch);
            try {
                onAccept.accept(current);
            } catch (RuntimeException e) {
                current.close();
            }
        }

        private void reject(FullHttpRequest req, FullHttpResponse res) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpGate.send(ctx, req, res);
            req.release();
            if (keepAlive) {
                next();
            }
        }

        private boolean acceptable(String contentType) {
            if (contentType == null) {
                return false;
            }
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (settings.binary()) {
                return type.equals(settings.contentType()) || type.equals("application/octet-stream");
            }
            return type.equals("application/json")
                    || type.equals("application/json-rpc")
                    || type.equals("application/jsonrequest");
        }

        /** The exchange was answered; on the event loop. */
        void done(HttpExchange exchange, boolean keepAlive) {
            if (current != exchange) {
                return;
            }
            current = null;
            if (keepAlive) {
                next();
            }
        }

        private void next() {
            FullHttpRequest req = waiting.poll();
            if (req != null) {
                serve(req);
            } else if (ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            FullHttpRequest req;
            while ((req = waiting.poll()) != null) {
                req.release();
            }
            if (current != null) {
                current.channelClosed();
                current = null;
            }
            context.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
