package dev.junction.cli;

/** Serve, call and notify over the in-memory transport, {@code mem://}. */
class MemServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {Cli.memUri()};
    }

    @Override
    String refusedUri() {
        return Cli.memUri();
    }
}
