package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void computesOnceAndEvictsTheLeastRecentlyUsedEntry() {
        AtomicInteger computations = new AtomicInteger();
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.get("a", k -> computations.incrementAndGet());
        cache.get("b", k -> computations.incrementAndGet());
        cache.get("a", k -> computations.incrementAndGet()); // hit: "b" is now the eldest
        cache.get("c", k -> computations.incrementAndGet()); // evicts "b"
        assertThat(computations).hasValue(3);
        assertThat(cache.size()).isEqualTo(2);
        cache.get("a", k -> computations.incrementAndGet());
        assertThat(computations).hasValue(3);
        cache.get("b", k -> computations.incrementAndGet());
        assertThat(computations).hasValue(4);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(0)).hasMessageContaining("at least 1");
    }
}
