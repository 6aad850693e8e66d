package dev.junction.bench.sbs;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.cli.bench.Caller;
import dev.junction.service.MethodHandler;
import dev.junction.service.Services;
import java.util.function.UnaryOperator;

/**
 * Junction on one transport: a server whose {@code echo} is a non-blocking handler (run on the
 * transport thread, as jsonrpc4j, LSP4J and gRPC with a direct executor run theirs), and a client
 * calling {@code callAsync("echo", String.class, payload)}, its futures completed on the client's
 * executor (the default) or, for the {@code -direct} variant, on the transport thread.
 */
class JunctionSystem implements BenchSystem {
    private final String name;
    private final String listenUri;
    private final UnaryOperator<String> clientUri;
    private final boolean inProcess;
    private final boolean manyConnections;
    private final boolean directCallbacks;

    /**
     * @param listenUri the server's URI (port 0)
     * @param clientUri turns the bound endpoint's URI into the client's
     * @param inProcess true for {@code mem://}
     * @param manyConnections false when W4's 1,000 connections are left out
     */
    JunctionSystem(
            String name,
            String listenUri,
            UnaryOperator<String> clientUri,
            boolean inProcess,
            boolean manyConnections) {
        this(name, listenUri, clientUri, inProcess, manyConnections, false);
    }

    /**
     * @param directCallbacks true to complete the client's futures on the transport thread ({@link
     *     Junction.ClientBuilder#directCallbacks}), as the gRPC client's direct executor does
     */
    JunctionSystem(
            String name,
            String listenUri,
            UnaryOperator<String> clientUri,
            boolean inProcess,
            boolean manyConnections,
            boolean directCallbacks) {
        this.directCallbacks = directCallbacks;
        this.name = name;
        this.listenUri = listenUri;
        this.clientUri = clientUri;
        this.inProcess = inProcess;
        this.manyConnections = manyConnections;
    }

    @Override
    public String name() {
        return name;
    }

    /** The same system listening on {@code uri}, its clients connecting to {@code client}'s URI. */
    JunctionSystem withUris(String uri, UnaryOperator<String> client) {
        return new JunctionSystem(name, uri, client, inProcess, manyConnections, directCallbacks);
    }

    @Override
    public Server start() {
        MethodHandler echo = (ctx, params) -> params.get(0);
        RpcServer server = Junction.server()
                .services(Services.builder().nonBlockingMethod("echo", echo).build())
                .listen(listenUri)
                .start();
        String address = clientUri.apply(server.endpoints().get(0).toString());
        return new Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    public Caller connect(String address, String payload) {
        RpcClient client = Junction.client().directCallbacks(directCallbacks).connect(address);
        return new Caller() {
            @Override
            public void call(Completion done) {
                client.callAsync("echo", String.class, payload)
                        .whenComplete((answer, failure) ->
                                done.done(failure != null ? failure : EchoCheck.verify(payload, answer)));
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public boolean supports(Workload workload) {
        return manyConnections || workload.connections() == 1;
    }

    @Override
    public boolean inProcess() {
        return inProcess;
    }
}
