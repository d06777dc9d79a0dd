package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class GlobalCopiesStoreTest {
    private static final Duration RETENTION = Duration.ofDays(90);

    /**
     * Kafka Streams 4.4's persistent window store keeps its committed changelog offset in its segments, so a store
     * without a segment loses it at every clean close, and under exactly-once the task's next initialisation on the
     * same instance wipes all of its state. The global copies store leaves its offset to Streams' checkpoint file.
     */
    @Test
    void streamsCheckpointsTheOffsetNotTheSegments() {
        WindowBytesStoreSupplier plain = Stores.persistentWindowStore("s", RETENTION, Duration.ofMillis(1), true);
        WindowStore<Bytes, byte[]> plainStore = plain.get();
        WindowStore<Bytes, byte[]> store = GlobalCopiesStore.supplier("s", RETENTION).get();
        assertThat(plainStore.managesOffsets()).as("if this turns false, GlobalCopiesStore can go").isTrue();
        assertThat(store.managesOffsets()).isFalse();
        assertThat(store.persistent()).isTrue();
        assertThat(store.name()).isEqualTo("s");
    }

    @Test
    void theSameStoreAsStreamsBuilds() {
        WindowBytesStoreSupplier plain = Stores.persistentWindowStore("s", RETENTION, Duration.ofMillis(1), true);
        WindowBytesStoreSupplier ours = GlobalCopiesStore.supplier("s", RETENTION);
        assertThat(ours.name()).isEqualTo(plain.name());
        assertThat(ours.metricsScope()).isEqualTo(plain.metricsScope());
        assertThat(ours.retentionPeriod()).isEqualTo(plain.retentionPeriod());
        assertThat(ours.segmentIntervalMs()).isEqualTo(plain.segmentIntervalMs());
        assertThat(ours.windowSize()).isEqualTo(plain.windowSize());
        assertThat(ours.retainDuplicates()).isTrue();
    }
}
