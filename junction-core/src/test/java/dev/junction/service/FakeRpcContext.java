package dev.junction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.RpcContext;
import dev.junction.RpcPeer;
import dev.junction.message.Id;
import dev.junction.transport.Attributes;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.Optional;

/** A context with a real mapper and nothing else, for calling handlers directly. */
public final class FakeRpcContext implements RpcContext {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final Attributes attributes = new Attributes();

    public FakeRpcContext(String method) {
        this.method = method;
    }

    /** Parses JSON written with single quotes for readability. */
    public static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Calls {@code name} in {@code services} the way the engine would. */
    public static Object call(Services services, String name, String params) throws Exception {
        RegisteredMethod method = services.lookup(name);
        if (method == null) {
            throw new AssertionError("no method " + name + " in " + services);
        }
        return method.handler().handle(new FakeRpcContext(name), json(params));
    }

    @Override
    public RpcPeer peer() {
        return null;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Id id() {
        return Id.of(1);
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.empty();
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("test", 1);
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public ObjectMapper mapper() {
        return MAPPER;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void onCancel(Runnable action) {}

    @Override
    public String toString() {
        return "FakeRpcContext[" + method + "]";
    }
}
