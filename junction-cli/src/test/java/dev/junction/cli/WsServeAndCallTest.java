package dev.junction.cli;

/** Serve, call and notify over {@code ws://} (both directions, so callbacks and pushes too). */
class WsServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {"ws://127.0.0.1:0/rpc"};
    }

    @Override
    String refusedUri() {
        return "ws://127.0.0.1:" + Cli.freePort() + "/rpc";
    }
}
