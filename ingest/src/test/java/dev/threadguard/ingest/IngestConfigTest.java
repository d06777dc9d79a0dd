package dev.threadguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.ingest.auth.SiteKeyConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void defaultsApplyWhenOnlyTheBrokerIsSet() {
        IngestConfig config = IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")));
        assertThat(config).isEqualTo(new IngestConfig("localhost:9092", 8081, 1024 * 1024, 16 * 1024 * 1024,
                10_000, Duration.ofSeconds(10), 2, 3, (short) 1, Duration.ofHours(1), 100_000, Duration.ofHours(1),
                SiteKeyConfig.defaults()));
        assertThat(IngestConfig.defaults("localhost:9092")).isEqualTo(config);
    }

    @Test
    void everyVariableIsRead() {
        IngestConfig config = IngestConfig.fromEnv(new Env(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
                Map.entry("INGEST_PORT", "0"),
                Map.entry("INGEST_MAX_BODY_BYTES", "2048"),
                Map.entry("INGEST_MAX_BATCH_BYTES", "4096"),
                Map.entry("INGEST_MAX_BATCH_ITEMS", "5"),
                Map.entry("INGEST_SEND_TIMEOUT", "PT3S"),
                Map.entry("INGEST_PRODUCERS", "4"),
                Map.entry("TOPIC_PARTITIONS", "6"),
                Map.entry("TOPIC_REPLICATION", "3"),
                Map.entry("EVENT_MAX_CLOCK_SKEW", "PT10M"),
                Map.entry("INGEST_RESEND_MEMORY_IDS", "50"),
                Map.entry("INGEST_RESEND_MEMORY_TTL", "PT5M"))));
        assertThat(config).isEqualTo(new IngestConfig("k1:9092,k2:9092", 0, 2048, 4096, 5, Duration.ofSeconds(3), 4, 6, (short) 3,
                Duration.ofMinutes(10), 50, Duration.ofMinutes(5), SiteKeyConfig.defaults()));
    }

    @Test
    void missingBrokerSaysWhatToSet() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "INGEST_SEND_TIMEOUT", "10s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_SEND_TIMEOUT");
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "INGEST_SEND_TIMEOUT", "PT0.1S"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_SEND_TIMEOUT");
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "INGEST_PRODUCERS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_PRODUCERS");
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "INGEST_PORT", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_PORT");
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "EVENT_MAX_CLOCK_SKEW", "P400D"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("EVENT_MAX_CLOCK_SKEW");
        assertThatThrownBy(() -> IngestConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "INGEST_RESEND_MEMORY_IDS", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INGEST_RESEND_MEMORY_IDS");
    }
}
