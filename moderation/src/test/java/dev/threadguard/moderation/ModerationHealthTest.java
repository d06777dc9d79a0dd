package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModerationHealthTest {
    @Test
    void upOnlyWhileRunning() {
        ModerationHealth running = ModerationHealth.of(KafkaStreams.State.RUNNING);
        assertThat(running.up()).isTrue();
        assertThat(running.reason()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void downWithAReasonInEveryOtherState(KafkaStreams.State state) {
        ModerationHealth health = ModerationHealth.of(state);
        assertThat(health.up()).isFalse();
        assertThat(health.streams()).isEqualTo(state.name());
        assertThat(health.reason()).isNotBlank();
    }

    @Test
    void rebalancingIsNotHealthy() {
        assertThat(ModerationHealth.of(KafkaStreams.State.REBALANCING).reason()).startsWith("rebalancing");
    }
}
