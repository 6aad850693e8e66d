package dev.junction.internal;

import dev.junction.Interceptor;
import dev.junction.RpcPeer;
import dev.junction.message.Message;
import java.util.List;
import java.util.function.Consumer;

/** Runs a message through a list of interceptors, then hands it to a terminal consumer. */
final class InterceptorChain implements Interceptor.Chain {
    private final List<Interceptor> interceptors;
    private final int index;
    private final Interceptor.Direction direction;
    private final Message message;
    private final RpcPeer peer;
    private final Consumer<Message> terminal;
    private boolean proceeded;

    private InterceptorChain(
            List<Interceptor> interceptors,
            int index,
            Interceptor.Direction direction,
            Message message,
            RpcPeer peer,
            Consumer<Message> terminal) {
        this.interceptors = interceptors;
        this.index = index;
        this.direction = direction;
        this.message = message;
        this.peer = peer;
        this.terminal = terminal;
    }

    static void run(
            List<Interceptor> interceptors,
            Interceptor.Direction direction,
            Message message,
            RpcPeer peer,
            Consumer<Message> terminal) {
        if (interceptors.isEmpty()) {
            terminal.accept(message);
            return;
        }
        new InterceptorChain(interceptors, 0, direction, message, peer, terminal).invoke();
    }

    private void invoke() {
        interceptors.get(index).intercept(this);
    }

    @Override
    public Interceptor.Direction direction() {
        return direction;
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public RpcPeer peer() {
        return peer;
    }

    @Override
    public void proceed(Message next) {
        if (proceeded) {
            throw new IllegalStateException("Interceptor " + interceptors.get(index) + " called proceed twice");
        }
        proceeded = true;
        if (index + 1 == interceptors.size()) {
            terminal.accept(next);
        } else {
            new InterceptorChain(interceptors, index + 1, direction, next, peer, terminal).invoke();
        }
    }
}
