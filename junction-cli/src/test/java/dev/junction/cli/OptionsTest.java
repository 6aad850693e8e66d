package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.TransportException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The pieces under the commands: URI options, durations, failure reasons. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OptionsTest {
    @Test
    void command_line_options_become_uri_options() {
        ClientOptions o = new ClientOptions();
        o.framing = "netstring";
        o.cert = Path.of("/c/client.pem");
        o.key = Path.of("/c/client.key");
        o.trust = Path.of("/c/ca.pem");
        o.insecure = true;
        assertThat(o.endpointUri("tls://example.com:4443"))
                .isEqualTo("tls://example.com:4443?framing=netstring&cert=%2Fc%2Fclient.pem&key=%2Fc%2Fclient.key"
                        + "&trust=%2Fc%2Fca.pem&insecure=true");
    }

    @Test
    void an_option_already_in_the_uri_wins_over_the_command_line() {
        ClientOptions o = new ClientOptions();
        o.framing = "netstring";
        assertThat(o.endpointUri("tcp://h:1?framing=rfc7464")).isEqualTo("tcp://h:1?framing=rfc7464");
    }

    @Test
    void a_uri_without_added_options_is_left_exactly_as_given() {
        assertThat(new ClientOptions().endpointUri("tcp://h:1?framing=terminator&terminator=0x04"))
                .isEqualTo("tcp://h:1?framing=terminator&terminator=0x04");
    }

    @Test
    void durations_take_units_bare_seconds_and_iso_8601() {
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofMillis(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parse("PT-1S")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void durations_print_in_seconds_when_whole() {
        assertThat(DurationConverter.format(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    @Test
    void failure_reasons_name_the_root_cause() {
        assertThat(Failures.reason(new TransportException(
                        "Cannot connect to tcp://127.0.0.1:1: boom",
                        new ConnectException("Connection refused: /127.0.0.1:1"))))
                .isEqualTo("connection refused");
        assertThat(Failures.reason(new TransportException("x", new UnknownHostException("nowhere.invalid"))))
                .isEqualTo("unknown host nowhere.invalid");
        assertThat(Failures.reason(new TransportException("x", new SSLHandshakeException("PKIX path building failed"))))
                .isEqualTo("TLS failed: PKIX path building failed");
        assertThat(Failures.reason(new TransportException("Cannot connect to tcp://h:1: timed out after 10 s")))
                .isEqualTo("timed out after 10 s");
        assertThat(Failures.reason(new TransportException("Connection reset", new RuntimeException("by peer"))))
                .isEqualTo("by peer");
    }
}
