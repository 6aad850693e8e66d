package dev.junction.cli;

/** The same suite over {@code tcp://} with netstring framing, set by --framing on both sides. */
class TcpNetstringServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {"--framing", "netstring", "tcp://127.0.0.1:0"};
    }

    @Override
    String[] callOptions() {
        return new String[] {"--framing", "netstring"};
    }

    @Override
    String clientUri() {
        // serve prints the framing it applied; the client sets its own with --framing
        return server.uri().replace("?framing=netstring", "");
    }

    @Override
    String refusedUri() {
        return "tcp://127.0.0.1:" + Cli.freePort();
    }
}
