package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void computesAnEntryOnceWhileItIsKept() {
        AtomicInteger computations = new AtomicInteger();
        BoundedCache<String, Integer> cache = new BoundedCache<>(10);
        assertThat(cache.get("a", k -> computations.incrementAndGet())).isEqualTo(1);
        assertThat(cache.get("a", k -> computations.incrementAndGet())).isEqualTo(1);
        assertThat(cache.get("b", k -> computations.incrementAndGet())).isEqualTo(2);
        assertThat(computations).hasValue(2);
        assertThat(cache.getIfPresent("a")).isEqualTo(1);
        assertThat(cache.getIfPresent("c")).isNull();
    }

    @Test
    void staysWithinItsEntryBound() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            cache.get(i, String::valueOf);
        }
        assertThat(cache.size()).isBetween(1, 100);
        assertThat(cache.capacity()).isEqualTo(100);
    }

    @Test
    void staysWithinItsWeightBound() {
        BoundedCache<Integer, String> cache = BoundedCache.weighed(1_000, (k, v) -> v.length());
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "x".repeat(50));
        }
        assertThat(cache.size()).isBetween(1, 20);
        cache.put(-1, "y".repeat(5_000)); // heavier than the whole bound: not kept
        cache.size();
        assertThat(cache.getIfPresent(-1)).isNull();
    }

    @Test
    void keepsNoNullValue() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        assertThat(cache.get("a", k -> null)).isNull();
        assertThat(cache.getIfPresent("a")).isNull();
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BoundedCache.<String, String>weighed(0, (k, v) -> 1)).hasMessageContaining("at least 1");
    }
}
