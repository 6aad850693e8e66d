package dev.junction.netty.internal;

import dev.junction.TransportException;
import dev.junction.framing.FrameDecoder;
import dev.junction.framing.FrameSink;
import dev.junction.framing.FramingException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a link's pipeline: feeds the bytes read to the framing's {@link FrameDecoder}
 * and passes frames, framing errors and the close on to the {@link NettyConnection}, in order, on
 * the event loop. It also enforces the frame timeout (bytes of a frame arrived, and no frame
 * completed within {@code frameTimeout}) and the idle timeout (signalled by an IdleStateHandler
 * in front of it), and resumes the write drain when the channel becomes writable again.
 */
final class InboundHandler extends ChannelInboundHandlerAdapter implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final NettyConnection connection;
    private final FrameDecoder decoder;
    private final long frameTimeoutNanos;
    private ChannelHandlerContext ctx;
    private Throwable cause;
    private boolean fatal;
    private int frames;
    private ScheduledFuture<?> frameTimer;

    InboundHandler(NettyConnection connection) {
        this.connection = connection;
        Settings s = connection.settings();
        this.decoder = s.framing.newDecoder(s.limits.maxFrameBytes());
        this.frameTimeoutNanos = s.frameTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (fatal) {
                return;
            }
            int before = frames;
            if (buf.nioBufferCount() == 1) {
                decoder.decode(buf.nioBuffer(), this);
            } else {
                for (ByteBuffer part : buf.nioBuffers()) {
                    decoder.decode(part, this);
                }
            }
            if (frameTimeoutNanos > 0 && !fatal) {
                if (frames != before) {
                    cancelFrameTimer();
                } else if (frameTimer == null && !blank(buf)) {
                    frameTimer =
                            context.executor().schedule(this::frameTimedOut, frameTimeoutNanos, TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            buf.release();
        }
    }

    /** Whitespace between frames does not start one. */
    private static boolean blank(ByteBuf buf) {
        return buf.forEachByte(b -> b == ' ' || b == '\n' || b == '\r' || b == '\t') < 0;
    }

    private void frameTimedOut() {
        frameTimer = null;
        if (ctx.channel().isActive()) {
            closeWith(new TransportException("No frame completed within the frame timeout of "
                    + connection.settings().frameTimeout.toMillis() + " ms (option frameTimeout); closed "
                    + ctx.channel().remoteAddress()));
        }
    }

    private void cancelFrameTimer() {
        if (frameTimer != null) {
            frameTimer.cancel(false);
            frameTimer = null;
        }
    }

    @Override
    public void onFrame(byte[] frame) {
        frames++;
        connection.frameIn(frame);
    }

    @Override
    public void onFrameError(FramingException error) {
        frames++;
        connection.frameErrorIn(error);
        if (error.isFatal() && !fatal) {
            fatal = true;
            closeWith(error);
        }
    }

    private void closeWith(Throwable reason) {
        if (cause == null) {
            cause = reason;
        }
        log.debug("Closing {}: {}", ctx.channel(), reason.toString());
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent) {
            closeWith(new TransportException("No traffic for the idle timeout of "
                    + connection.settings().idleTimeout.toMillis() + " ms (option idleTimeout); closed "
                    + context.channel().remoteAddress()));
            return;
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            connection.scheduleDrain();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
        Throwable real = error instanceof DecoderException && error.getCause() != null ? error.getCause() : error;
        log.debug("Error on {}: {}", context.channel(), real.toString());
        closeWith(real);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancelFrameTimer();
        if (!fatal && cause == null && connection.isOpen() && connection.isCurrent(context.channel())) {
            decoder.endOfStream(this);
        }
        connection.linkClosed(context.channel(), cause);
        context.fireChannelInactive();
    }
}
