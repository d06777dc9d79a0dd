package dev.threadguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final Env EMPTY = new Env(Map.of());

    @Test
    void anUnsetVariableReadsAsItsDeclaredDefault() {
        for (Setting<?> s : Settings.all()) {
            if (s.defaultValue() != null) {
                assertThat((Object) s.read(EMPTY)).as(s.name()).isEqualTo(s.defaultValue());
            }
        }
        assertThat(Settings.INGEST_SEND_TIMEOUT.read(EMPTY)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Settings.EMBEDDED_DATABASE_PORT.read(EMPTY)).isZero();
    }

    @Test
    void aSetVariableIsReadWithTheChecksOfItsType() {
        Env env = new Env(Map.of("INGEST_PRODUCERS", "4", "OFF_TOPIC_EMBEDDINGS", "off", "SINK_GROUP_ID", "g",
                "THREADGUARD_DATA_DIR", "/srv/tg"));
        assertThat(Settings.INGEST_PRODUCERS.read(env)).isEqualTo(4);
        assertThat(Settings.OFF_TOPIC_EMBEDDINGS.read(env)).isFalse();
        assertThat(Settings.SINK_GROUP_ID.read(env)).isEqualTo("g");
        assertThat(Settings.THREADGUARD_DATA_DIR.read(env)).isEqualTo(Optional.of("/srv/tg"));

        assertThatThrownBy(() -> Settings.INGEST_PRODUCERS.read(new Env(Map.of("INGEST_PRODUCERS", "65"))))
                .isInstanceOf(ConfigException.class).hasMessage("INGEST_PRODUCERS must be between 1 and 64, got 65");
        assertThatThrownBy(() -> Settings.OFF_TOPIC_EMBEDDINGS.read(new Env(Map.of("OFF_TOPIC_EMBEDDINGS", "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OFF_TOPIC_EMBEDDINGS must be true or false");
        assertThatThrownBy(() -> Settings.EVENT_MAX_CLOCK_SKEW.read(new Env(Map.of("EVENT_MAX_CLOCK_SKEW", "P400D"))))
                .isInstanceOf(ConfigException.class).hasMessage("EVENT_MAX_CLOCK_SKEW must be at most PT8784H, got P400D");
        assertThat(Settings.EVENT_MAX_CLOCK_SKEW.read(new Env(Map.of("EVENT_MAX_CLOCK_SKEW", "P366D"))))
                .isEqualTo(Duration.ofDays(366));
        assertThatThrownBy(() -> Settings.KAFKA_BOOTSTRAP_SERVERS.read(EMPTY))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS is not set: ");
    }

    @Test
    void theTableHasOneRowPerVariableAndNoCellBreaksOnAPipe() {
        String table = Settings.markdownTable();
        assertThat(table.lines()).hasSize(Settings.all().size() + 2);
        for (Setting<?> s : Settings.all()) {
            assertThat(table).contains("| `" + s.name() + "` |");
        }
        // Every row has exactly its four cells: a pipe in a description (SINK_REJECT_REASONS) is escaped.
        table.lines().forEach(row -> assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count())
                .as(row).isEqualTo(5));
        assertThat(table).contains("| `KAFKA_BOOTSTRAP_SERVERS` | the embedded broker (`up`, `demo`); required otherwise "
                + "| all services |");
    }

    @Test
    void anEnvReportsEachVariableItReads() {
        java.util.List<String> read = new java.util.ArrayList<>();
        Env env = new Env(Map.of("A", "1")).observed(read::add).with(Map.of("B", "2"));
        env.integer("A", 0, 0, 9);
        env.optional("C");
        assertThat(read).containsExactly("A", "C");
    }
}
