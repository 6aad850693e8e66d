package dev.junction.netty.internal;

import dev.junction.netty.AuthenticationException;
import dev.junction.netty.HandshakeInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first look at each HTTP request of a {@code ws}/{@code http} listener: the path (else 404),
 * CORS (preflights answered here; a WebSocket from a disallowed origin gets 403) and the
 * authenticator (else 401). What passes goes on with its {@link HandshakeInfo} and principal kept
 * on the channel.
 */
final class HttpGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpGate.class);

    static final AttributeKey<HandshakeInfo> INFO = AttributeKey.valueOf("junction.handshake");
    static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("junction.principal");

    private final WebSettings settings;
    private final boolean webSocket;

    HttpGate(WebSettings settings, boolean webSocket) {
        this.settings = settings;
        this.webSocket = webSocket;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest req = (FullHttpRequest) msg;
        if (!req.decoderResult().isSuccess()) {
            req.release();
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, null, "Bad request");
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (!path.equals(settings.path)) {
            req.release();
            respond(ctx, req, HttpResponseStatus.NOT_FOUND, null, "No JSON-RPC endpoint at " + path);
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!webSocket && settings.corsOrigins != null && req.method().equals(HttpMethod.OPTIONS)) {
            req.release();
            preflight(ctx, req, origin);
            return;
        }
        if (!settings.originAllowed(origin)) {
            req.release();
            respond(ctx, req, HttpResponseStatus.FORBIDDEN, null, "Origin not allowed: " + origin);
            return;
        }
        HandshakeInfo info = info(ctx.channel(), req);
        ctx.channel().attr(INFO).set(info);
        if (settings.authenticator != null) {
            try {
                ctx.channel().attr(PRINCIPAL).set(settings.authenticator.authenticate(info));
            } catch (AuthenticationException e) {
                log.debug("Refused {} from {}: {}", req.uri(), info.remoteAddress(), e.getMessage());
                req.release();
                respond(ctx, req, HttpResponseStatus.UNAUTHORIZED, e.challenge(), "Unauthorized");
                return;
            } catch (RuntimeException e) {
                log.warn("The authenticator failed on a request from {}; refusing it", info.remoteAddress(), e);
                req.release();
                respond(ctx, req, HttpResponseStatus.UNAUTHORIZED, null, "Unauthorized");
                return;
            }
        }
        ctx.fireChannelRead(req);
    }

    private static HandshakeInfo info(Channel ch, FullHttpRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        SslHandler ssl = ch.attr(Links.TLS_HANDLER).get();
        return new HandshakeInfo(
                req.method().name(),
                req.uri(),
                headers,
                ch.remoteAddress(),
                ssl == null ? null : ssl.engine().getSession());
    }

    private void preflight(ChannelHandlerContext ctx, FullHttpRequest req, String origin) {
        if (origin == null || !settings.originAllowed(origin)) {
            respond(ctx, req, HttpResponseStatus.FORBIDDEN, null, "Origin not allowed: " + origin);
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        corsHeaders(settings, res, origin);
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
        String asked = req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        res.headers()
                .set(
                        HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        asked != null ? asked : "Content-Type, Authorization");
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        send(ctx, req, res);
    }

    /** Adds the CORS answer headers for {@code origin}, when CORS is on. */
    static void corsHeaders(WebSettings settings, FullHttpResponse res, String origin) {
        if (settings.corsOrigins == null || origin == null || !settings.originAllowed(origin)) {
            return;
        }
        if (settings.corsOrigins.isEmpty()) {
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            res.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }

    private void respond(
            ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String challenge, String text) {
        FullHttpResponse res = webSocket
                ? textResponse(status, text)
                : HttpErrors.response(status, settings, text, req.headers().get(HttpHeaderNames.ORIGIN));
        if (challenge != null) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        send(ctx, req, res);
    }

    static FullHttpResponse textResponse(HttpResponseStatus status, String text) {
        FullHttpResponse res = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return res;
    }

    /** Writes {@code res}, keeping the connection alive when the request allows it. */
    static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        HttpUtil.setContentLength(res, res.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
