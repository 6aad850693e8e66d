package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import org.junit.jupiter.api.Test;

/**
 * Serve, call and notify over {@code tcp://} with the BSON codec ({@code ?codec=bson} on both
 * ends). BSON has no decimal type, so a fractional result travels as a double.
 */
class BsonServeAndCallTest extends AbstractServeAndCallTest {
    @Override
    String[] serveArgs() {
        return new String[] {"tcp://127.0.0.1:0?codec=bson"};
    }

    @Override
    String refusedUri() {
        return "tcp://127.0.0.1:" + Cli.freePort() + "?codec=bson";
    }

    @Override
    @Test
    void subtract_is_exact_with_decimals() {
        Result r = call("URI", "subtract", "[1.5, 0.25]");
        assertThat(r.out().strip()).isEqualTo("1.25");
        assertThat(r.exit()).isZero();
    }
}
