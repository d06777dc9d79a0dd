package dev.threadguard.moderation.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {
    @Test
    void defaultsAreSane() {
        DetectorConfig d = DetectorConfig.defaults();
        assertThat(d.duplicateThreshold()).isEqualTo(0.9);
        assertThat(d.offTopicThreshold()).isEqualTo(0.5);
        assertThat(d.supportRequestThreshold()).isEqualTo(0.5);
        assertThat(d.duplicateMinCopyWords()).isEqualTo(6);
    }

    @Test
    void readsThresholdsFromTheEnvironment() {
        DetectorConfig d = DetectorConfig.fromEnv(new Env(Map.of(
                "THRESHOLD_DUPLICATE", "0.8", "THRESHOLD_OFF_TOPIC", "0.6", "THRESHOLD_SUPPORT_REQUEST", "0.7",
                "DUPLICATE_MIN_COPY_WORDS", "8")));
        assertThat(d.duplicateThreshold()).isEqualTo(0.8);
        assertThat(d.offTopicThreshold()).isEqualTo(0.6);
        assertThat(d.supportRequestThreshold()).isEqualTo(0.7);
        assertThat(d.duplicateMinCopyWords()).isEqualTo(8);
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("THRESHOLD_OFF_TOPIC", "1.5"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("THRESHOLD_OFF_TOPIC");
        assertThatThrownBy(() -> DetectorConfig.fromEnv(new Env(Map.of("THRESHOLD_DUPLICATE", "high"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("THRESHOLD_DUPLICATE");
    }
}
