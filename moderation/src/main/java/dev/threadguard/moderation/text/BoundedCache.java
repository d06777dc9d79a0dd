package dev.threadguard.moderation.text;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import java.util.function.Function;

/**
 * A bounded, thread-safe cache of analyses, on Caffeine: bounded by entries ({@link #BoundedCache(int)}) or, where
 * values differ much in size, by their summed weight ({@link #weighed}). Caffeine's eviction (W-TinyLFU) keeps the
 * entries that are used again, with lock-free reads, where the former synchronized LRU serialised every lookup.
 *
 * <p>Analyses are pure functions of their key, so which entry is evicted, and two threads computing the same entry
 * at once, change cost only, never a result. {@link #get} computes outside the cache's locks (a computation may use
 * other caches, or this one, without a "recursive update"). Eviction work runs on the calling thread (no pool
 * threads of their own on a busy stream thread's machine); it is amortised, so {@link #size} may exceed the bound by
 * a few entries until the next maintenance.
 */
public final class BoundedCache<K, V> {
    private final long capacity;
    private final Cache<K, V> entries;

    /** At most {@code capacity} entries. */
    public BoundedCache(int capacity) {
        this(capacity, Caffeine.newBuilder().maximumSize(requirePositive(capacity, "cache capacity"))
                .executor(Runnable::run).build());
    }

    private BoundedCache(long capacity, Cache<K, V> entries) {
        this.capacity = capacity;
        this.entries = entries;
    }

    /**
     * At most {@code maxWeight} in summed {@code weigher} weights (for example bytes, or characters of the text an
     * entry holds); an entry heavier than the whole bound is not kept.
     */
    public static <K, V> BoundedCache<K, V> weighed(long maxWeight, Weigher<? super K, ? super V> weigher) {
        requirePositive(maxWeight, "cache weight bound");
        Cache<K, V> entries = Caffeine.newBuilder().maximumWeight(maxWeight).weigher(weigher).executor(Runnable::run).build();
        return new BoundedCache<>(maxWeight, entries);
    }

    private static long requirePositive(long bound, String what) {
        if (bound < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + bound);
        }
        return bound;
    }

    /** The cached value, else {@code compute}'s (kept unless null). */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V cached = entries.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        V value = compute.apply(key);
        if (value != null) {
            entries.put(key, value);
        }
        return value;
    }

    /** The cached value, or null. */
    public V getIfPresent(K key) {
        return entries.getIfPresent(key);
    }

    public void put(K key, V value) {
        entries.put(key, value);
    }

    /** Entries kept now (after pending evictions). */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    /** The bound: entries, or the summed weight for a {@link #weighed} cache. */
    public long capacity() {
        return capacity;
    }
}
