package dev.junction.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.Limits;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CodecsTest {
    @Test
    void jsonIsFoundByNameAndEnforcesTheGivenLimits() {
        Limits limits = Limits.builder().maxBatchSize(5).build();

        Codec codec = Codecs.forName("json", limits);

        assertThat(codec).isInstanceOf(JsonCodec.class);
        assertThat(codec.name()).isEqualTo("json");
        assertThat(((JsonCodec) codec).limits()).isEqualTo(limits);
    }

    @Test
    void namesAreMatchedWithoutRegardToCase() {
        assertThat(Codecs.forName("JSON", Limits.defaults())).isInstanceOf(JsonCodec.class);
    }

    @Test
    void theDefaultLimitsGiveTheStandardCodec() {
        assertThat(Codecs.forName("json", Limits.defaults())).isSameAs(JsonCodec.standard());
    }

    @Test
    void anUnknownNameIsAnErrorListingTheAvailableCodecs() {
        assertThatThrownBy(() -> Codecs.forName("xml", Limits.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown codec 'xml' (available codecs: json)");
    }

    @Test
    void bsonWithoutItsModuleIsAnErrorNamingTheArtifactToAdd() {
        assertThatThrownBy(() -> Codecs.forName("bson", Limits.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add the artifact dev.junction:junction-bson")
                .hasMessageContaining("available codecs: json");
    }

    @Test
    void theJsonProviderIsRegisteredForTheServiceLoader() {
        assertThat(ServiceLoader.load(CodecProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(JsonCodecProvider.class);
        assertThat(Codecs.names()).contains("json");
    }

    @Test
    void theProviderBuildsAStrictCodecWithItsLimits() {
        Limits limits = Limits.builder().maxNestingDepth(9).build();

        Codec codec = new JsonCodecProvider().create(limits);

        assertThat(new JsonCodecProvider().name()).isEqualTo("json");
        assertThat(((JsonCodec) codec).dialect()).isEqualTo(JsonCodec.Dialect.STRICT);
        assertThat(((JsonCodec) codec).limits()).isEqualTo(limits);
    }
}
