package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerationConfigTest {

    @Test
    void bootstrapServersAreRequiredWithAMessageNamingTheVariable() {
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void defaultsApplyWhenOnlyTheBrokersAreGiven() {
        ModerationConfig config = ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")));

        assertThat(config.bootstrapServers()).isEqualTo("k:9092");
        assertThat(config.applicationId()).isEqualTo("threadguard-moderation");
        assertThat(config.holdTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxHeldPerArticle()).isEqualTo(1000);
        assertThat(config.maxHeldTotal()).isEqualTo(100_000);
        assertThat(config.threadHistory()).isEqualTo(500);
        assertThat(config.topicPartitions()).isEqualTo(3);
        assertThat(config.topicReplication()).isEqualTo((short) 1);
        assertThat(config.stateDir()).startsWithRaw(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(config.detectors()).isNotNull();
    }

    @Test
    void everyVariableIsRead() {
        ModerationConfig config = ModerationConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "MODERATION_APPLICATION_ID", "mod-2",
                "MODERATION_STATE_DIR", "/var/lib/mod",
                "MODERATION_HOLD_TIMEOUT", "PT5M",
                "MODERATION_HOLD_MAX_PER_ARTICLE", "10",
                "MODERATION_HOLD_MAX_TOTAL", "200",
                "MODERATION_THREAD_HISTORY", "50",
                "TOPIC_PARTITIONS", "6",
                "TOPIC_REPLICATION", "3")));

        assertThat(config.applicationId()).isEqualTo("mod-2");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/mod"));
        assertThat(config.holdTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxHeldPerArticle()).isEqualTo(10);
        assertThat(config.maxHeldTotal()).isEqualTo(200);
        assertThat(config.threadHistory()).isEqualTo(50);
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.topicReplication()).isEqualTo((short) 3);
    }

    @Test
    void malformedValuesAreRejectedNamingTheVariable() {
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "MODERATION_HOLD_TIMEOUT", "an hour"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MODERATION_HOLD_TIMEOUT");
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "MODERATION_HOLD_MAX_PER_ARTICLE", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MODERATION_HOLD_MAX_PER_ARTICLE");
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "MODERATION_HOLD_MAX_PER_ARTICLE", "50", "MODERATION_HOLD_MAX_TOTAL", "10"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MODERATION_HOLD_MAX_TOTAL");
    }

    @Test
    void theGlobalCopySearchReachesNinetyDaysByDefaultAndNeverLessThanTheRetention() {
        Map<String, String> brokers = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092");
        assertThat(ModerationConfig.fromEnv(new Env(brokers)).globalRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "DUPLICATE_GLOBAL_RETENTION_DAYS", "120"))).globalRetention()).isEqualTo(Duration.ofDays(120));
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "DUPLICATE_GLOBAL_RETENTION_DAYS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DUPLICATE_GLOBAL_RETENTION_DAYS");
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "DUPLICATE_GLOBAL_RETENTION_DAYS", "3", "MODERATION_RETENTION", "P7D"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DUPLICATE_GLOBAL_RETENTION_DAYS")
                .hasMessageContaining("MODERATION_RETENTION");
    }

    @Test
    void punctuationRunsAboutTenTimesPerHoldTimeoutWithinSaneBounds() {
        assertThat(ModerationTopology.punctuationInterval(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ModerationTopology.punctuationInterval(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ModerationTopology.punctuationInterval(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theHealthAndMetricsPortIsModerationPortWith8082ByDefault() {
        assertThat(ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"))).port()).isEqualTo(8082);
        assertThat(ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "MODERATION_PORT", "0")))
                .port()).isZero();
        assertThatThrownBy(() -> ModerationConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "MODERATION_PORT", "eighty"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MODERATION_PORT");
    }
}
