package dev.threadguard.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lookups of one stage's history, in a persistent store WITHOUT a changelog: derived data, rebuilt from the
 * logged history store, so that indexing a comment writes no Kafka record (an LSH index wrote one per band, 16-20
 * per comment and scope). For each scope (a thread, an author, a story), keys start {@code scope NUL}:
 * <ul>
 *   <li>{@code scope NUL 'b' band-hash(16 hex) NUL sequence} → sequence: the LSH band index, one key per band;
 *       a lookup is one prefix scan per band, touching only texts that share a band with the new one;</li>
 *   <li>{@code scope NUL 'c' commentId} → sequence (thread stage): a parent or a repeated delivery by id;</li>
 *   <li>{@code scope NUL 'h'} → the scope's high-water mark: {@link #mark} of the logged history's generation and
 *       next sequence at the last write indexed here.</li>
 * </ul>
 * The mark makes the index safe wherever the task runs: after a restore on another instance (empty index), a
 * restart after a crash, or a task that comes back to an instance whose old copy of the index is stale, the logged
 * history's mark differs and the scope is re-indexed from its at most {@code bound} entries the first time it is
 * touched ({@code ensure} in the stages); nothing is rebuilt up front, so a task is ready as soon as its logged
 * stores are restored. Every hit is confirmed against the logged entry (its sequence and comment id), so an index
 * entry left behind can cost a lookup but never change a verdict. Scopes (article ids, normalized author names,
 * story URLs) hold no control characters, so a scope's keys are exactly those with its prefix.
 */
final class ScopeIndex {
    private static final char SEPARATOR = '\u0000';
    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();

    private final KeyValueStore<String, Long> store;

    ScopeIndex(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** A 64-bit mark of a history's state: random generation mixed with its next sequence number. */
    static long mark(long generation, long next) {
        long z = generation + next * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Whether the index of {@code scope} reflects the logged history whose mark is given. */
    boolean current(String scope, long mark) {
        Long stored = store.get(markKey(scope));
        return stored != null && stored == mark;
    }

    void mark(String scope, long mark) {
        store.put(markKey(scope), mark);
    }

    /** Forgets every index key of the scope (bounded: its bands and ids of at most {@code bound} comments). */
    void clear(String scope) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.prefixScan(scope + SEPARATOR, KEY_SERIALIZER)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }

    /** Sequence numbers of the scope's texts that share at least one band with {@code bands}, oldest first. */
    TreeSet<Long> candidates(String scope, long[] bands) {
        TreeSet<Long> out = new TreeSet<>();
        for (long band : bands) {
            try (KeyValueIterator<String, Long> it = store.prefixScan(bandPrefix(scope, band), KEY_SERIALIZER)) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
        }
        return out;
    }

    void addBands(String scope, long sequence, long[] bands) {
        for (long band : bands) {
            store.put(bandKey(scope, band, sequence), sequence);
        }
    }

    void removeBands(String scope, long sequence, long[] bands) {
        for (long band : bands) {
            store.delete(bandKey(scope, band, sequence));
        }
    }

    /** The sequence number last indexed for a comment id in the scope, or null. */
    Long comment(String scope, String commentId) {
        return commentId == null ? null : store.get(commentKey(scope, commentId));
    }

    void addComment(String scope, String commentId, long sequence) {
        store.put(commentKey(scope, commentId), sequence);
    }

    void removeComment(String scope, String commentId) {
        store.delete(commentKey(scope, commentId));
    }

    private static String markKey(String scope) {
        return scope + SEPARATOR + 'h';
    }

    private static String commentKey(String scope, String commentId) {
        return scope + SEPARATOR + 'c' + commentId;
    }

    private static String bandPrefix(String scope, long band) {
        return scope + SEPARATOR + 'b' + ThreadKeys.hex16(band) + SEPARATOR;
    }

    private static String bandKey(String scope, long band, long sequence) {
        return bandPrefix(scope, band) + sequence;
    }
}
