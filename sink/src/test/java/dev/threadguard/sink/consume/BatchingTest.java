package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchingTest {
    @Test
    void readsBothSettingsAndDefaultsWithoutThem() {
        assertThat(Batching.fromEnv(new Env(Map.of()))).isEqualTo(Batching.DEFAULT);
        assertThat(Batching.fromEnv(new Env(Map.of("SINK_BATCH_RECORDS", "500", "SINK_BATCH_MAX_WAIT_MS", "0"))))
                .isEqualTo(new Batching(500, Duration.ZERO));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheVariable() {
        assertThatThrownBy(() -> Batching.fromEnv(new Env(Map.of("SINK_BATCH_RECORDS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_BATCH_RECORDS");
        assertThatThrownBy(() -> Batching.fromEnv(new Env(Map.of("SINK_BATCH_MAX_WAIT_MS", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_BATCH_MAX_WAIT_MS");
    }
}
