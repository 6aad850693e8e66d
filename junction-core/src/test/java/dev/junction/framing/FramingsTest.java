package dev.junction.framing;

import static dev.junction.framing.RecordingSink.encode;
import static dev.junction.framing.RecordingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FramingsTest {
    @Test
    void every_built_in_name_gives_its_framing() {
        assertThat(Framings.forName("newline", Map.of()))
                .isSameAs(Framings.newline())
                .isInstanceOf(NewlineFraming.class);
        assertThat(Framings.forName("rfc7464", Map.of()))
                .isSameAs(Framings.rfc7464())
                .isInstanceOf(Rfc7464Framing.class);
        assertThat(Framings.forName("netstring", Map.of()))
                .isSameAs(Framings.netstring())
                .isInstanceOf(NetstringFraming.class);
        assertThat(Framings.forName("content-length", Map.of()))
                .isSameAs(Framings.contentLength())
                .isInstanceOf(ContentLengthFraming.class);
        assertThat(Framings.forName("frameless", Map.of()))
                .isSameAs(Framings.frameless())
                .isInstanceOf(FramelessFraming.class);
        assertThat(Framings.forName("terminator", Map.of())).isEqualTo(new TerminatorFraming((byte) 4));
        assertThat(Framings.forName("bson", Map.of()))
                .isSameAs(Framings.bsonLength())
                .isInstanceOf(BsonLengthFraming.class);
    }

    @Test
    void each_framing_reports_the_name_that_finds_it() {
        for (String name : Framings.names()) {
            assertThat(Framings.forName(name, Map.of()).name()).isEqualTo(name);
        }
    }

    @Test
    void names_are_case_insensitive_and_options_may_be_null() {
        assertThat(Framings.forName(" NetString ", null)).isSameAs(Framings.netstring());
        assertThat(Framings.forName("Content-Length", Map.of())).isSameAs(Framings.contentLength());
    }

    @Test
    void the_terminator_option_takes_hex_or_decimal_and_defaults_to_EOT() {
        assertThat(terminatorOf(Map.of())).isEqualTo((byte) 0x04);
        assertThat(terminatorOf(Map.of("terminator", "0x04"))).isEqualTo((byte) 0x04);
        assertThat(terminatorOf(Map.of("terminator", "0X1e"))).isEqualTo((byte) 0x1E);
        assertThat(terminatorOf(Map.of("terminator", "0xff"))).isEqualTo((byte) 0xFF);
        assertThat(terminatorOf(Map.of("terminator", "10"))).isEqualTo((byte) 10);
        assertThat(terminatorOf(Map.of("terminator", "0"))).isEqualTo((byte) 0);
        assertThat(terminatorOf(Map.of("terminator", "255"))).isEqualTo((byte) 0xFF);
        assertThat(terminatorOf(Map.of("terminator", "0x00", "codec", "json", "framing", "terminator")))
                .isEqualTo((byte) 0);
        assertThat(encode(Framings.forName("terminator", Map.of("terminator", "0x0a")), utf8("{}")))
                .containsExactly(utf8("{}\n"));
    }

    @Test
    void a_bad_terminator_option_is_refused() {
        for (String bad : new String[] {"0x100", "256", "-1", "+4", "abc", "0x", "0xg1", "4.0"}) {
            assertThatThrownBy(() -> Framings.forName("terminator", Map.of("terminator", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void options_a_framing_does_not_know_are_ignored() {
        assertThat(Framings.forName("netstring", Map.of("terminator", "0x05", "codec", "json")))
                .isSameAs(Framings.netstring());
    }

    @Test
    void an_unknown_name_is_refused_with_every_known_name() {
        assertThatThrownBy(() -> Framings.forName("carrier-pigeon", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContainingAll(
                        "newline", "rfc7464", "netstring", "content-length", "frameless", "terminator", "bson");
        assertThatThrownBy(() -> Framings.forName(null, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_built_in_names_are_listed_in_a_fixed_order() {
        assertThat(Framings.names())
                .startsWith("newline", "rfc7464", "netstring", "content-length", "frameless", "terminator", "bson");
    }

    @Test
    void a_custom_framing_is_found_through_ServiceLoader_with_its_options(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("services");
        Files.writeString(
                services, "# a test provider\n" + UpperCaseProvider.class.getName() + "\n", StandardCharsets.UTF_8);
        ClassLoader loader = new ServicesClassLoader(
                getClass().getClassLoader(), services.toUri().toURL());
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Map<String, String> options = new HashMap<>();
            options.put("suffix", "!");
            Framing custom = Framings.forName("shout", options);
            assertThat(custom.name()).isEqualTo("shout");
            assertThat(encode(custom, utf8("{}"))).containsExactly(utf8("{}!"));
            assertThat(Framings.names()).endsWith("shout");
            assertThatThrownBy(() -> Framings.forName("whisper", Map.of()))
                    .hasMessageContaining("shout")
                    .hasMessageContaining("newline");
        } finally {
            thread.setContextClassLoader(saved);
        }
        assertThatThrownBy(() -> Framings.forName("shout", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte terminatorOf(Map<String, String> options) {
        return ((TerminatorFraming) Framings.forName("terminator", options)).terminator();
    }

    /** A custom framing for the ServiceLoader test: the payload then the {@code suffix} option. */
    public static final class UpperCaseProvider implements FramingProvider {
        @Override
        public String name() {
            return "shout";
        }

        @Override
        public Framing create(Map<String, String> options) {
            byte suffix = options.getOrDefault("suffix", "!").getBytes(StandardCharsets.US_ASCII)[0];
            Framing inner = Framings.terminator(suffix);
            return new Framing() {
                @Override
                public String name() {
                    return "shout";
                }

                @Override
                public FrameDecoder newDecoder(int maxFrameBytes) {
                    return inner.newDecoder(maxFrameBytes);
                }

                @Override
                public void encode(byte[] payload, FrameOutput out) {
                    inner.encode(payload, out);
                }
            };
        }
    }

    /** Serves one services file for {@link FramingProvider}, delegating everything else. */
    private static final class ServicesClassLoader extends ClassLoader {
        private final URL services;

        ServicesClassLoader(ClassLoader parent, URL services) {
            super(parent);
            this.services = services;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals("META-INF/services/" + FramingProvider.class.getName())) {
                return Collections.enumeration(java.util.List.of(services));
            }
            return super.getResources(name);
        }
    }
}
