package dev.junction.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the codec tests. */
final class CodecTestSupport {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CodecTestSupport() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code m} is an invalid message with this code and id, and returns it. */
    static InvalidMessage assertInvalid(Message m, int code, Id id) {
        assertThat(m).isInstanceOf(InvalidMessage.class);
        InvalidMessage invalid = (InvalidMessage) m;
        assertThat(invalid.error().code()).as("code of %s", invalid).isEqualTo(code);
        assertThat(invalid.id()).as("id of %s", invalid).isEqualTo(id);
        assertThat(invalid.error().message())
                .as("message of %s", invalid)
                .doesNotContain("Exception")
                .doesNotContain("com.fasterxml")
                .doesNotContain("java.")
                .doesNotContain("StreamReadConstraints");
        return invalid;
    }
}
