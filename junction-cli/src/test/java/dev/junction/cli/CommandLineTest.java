package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli.Result;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Arguments, help, version and usage errors, which need no server. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandLineTest {
    @Test
    void version_prints_the_project_version() {
        Result r = Cli.run("--version");
        assertThat(r.out()).startsWith("junction 0.").doesNotContain("${").doesNotContain("null");
        assertThat(r.exit()).isZero();
    }

    @Test
    void help_lists_the_commands_and_every_exit_status() {
        Result r = Cli.run("--help");
        assertThat(r.out()).contains("serve", "call", "notify", "Exit status:");
        assertThat(r.out()).containsPattern("(?m)^\\s+1\\s+the server answered with a JSON-RPC error");
        assertThat(r.out()).containsPattern("(?m)^\\s+2\\s+transport failure");
        assertThat(r.out()).containsPattern("(?m)^\\s+3\\s+the call was not answered");
        assertThat(r.out()).containsPattern("(?m)^\\s+64\\s+usage error");
        assertThat(r.exit()).isZero();
    }

    @Test
    void each_command_has_help_with_the_exit_statuses() {
        for (String command : new String[] {"serve", "call", "notify"}) {
            Result r = Cli.run(command, "--help");
            assertThat(r.out())
                    .as(command)
                    .startsWith("Usage: junction " + command)
                    .contains("Exit status:");
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void no_command_is_a_usage_error() {
        Result r = Cli.run();
        assertThat(r.err()).contains("Missing subcommand").contains("Usage: junction");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void invalid_json_params_are_a_usage_error_naming_the_problem() {
        Result r = Cli.run("call", "mem://x", "echo", "[1, 2");
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("PARAMS_JSON")
                .contains("is not valid JSON")
                .contains("Usage: junction call");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void scalar_params_are_a_usage_error_suggesting_an_array() {
        Result r = Cli.run("call", "mem://x", "echo", "42");
        assertThat(r.err())
                .contains("params must be a JSON array (positional) or object (named), not number 42")
                .contains("[42]");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void trailing_garbage_after_the_json_is_a_usage_error() {
        Result r = Cli.run("notify", "mem://x", "echo", "[1] [2]");
        assertThat(r.err()).contains("is not valid JSON");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_missing_method_is_a_usage_error() {
        Result r = Cli.run("call", "mem://x");
        assertThat(r.err()).contains("Missing required parameter").contains("METHOD");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_bad_duration_is_a_usage_error() {
        Result r = Cli.run("call", "--timeout", "soon", "mem://x", "echo");
        assertThat(r.err()).contains("'soon' is not a duration");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_uri_without_a_scheme_is_a_usage_error() {
        Result r = Cli.run("call", "127.0.0.1:4000", "echo");
        assertThat(r.err()).contains("Not an endpoint URI");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_scheme_no_module_serves_is_a_usage_error_naming_it() {
        Result r = Cli.run("call", "nats://127.0.0.1:4222", "echo");
        assertThat(r.err()).contains("Unknown transport scheme 'nats'").contains("tcp");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    }
}
