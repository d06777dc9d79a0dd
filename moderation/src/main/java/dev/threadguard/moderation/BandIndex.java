package dev.threadguard.moderation;

import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An LSH band index in a key-value store: for each indexed text, one key per band, {@code scope NUL band-hash NUL
 * sequence}, whose value is the sequence number of the text in its scope (a thread or an author). A lookup is one
 * prefix scan per band, so it touches only the texts that share a band with the new one, never the whole scope.
 * Scopes (article ids, normalized author names) hold no control characters, so a scope's keys are exactly those
 * with its prefix.
 */
final class BandIndex {
    private static final char SEPARATOR = '\u0000';
    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();

    private final KeyValueStore<String, Long> store;

    BandIndex(KeyValueStore<String, Long> store) {
        this.store = store;
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

    void add(String scope, long sequence, long[] bands) {
        for (long band : bands) {
            store.put(key(scope, band, sequence), sequence);
        }
    }

    void remove(String scope, long sequence, long[] bands) {
        for (long band : bands) {
            store.delete(key(scope, band, sequence));
        }
    }

    private static String bandPrefix(String scope, long band) {
        return scope + SEPARATOR + String.format("%016x", band) + SEPARATOR;
    }

    private static String key(String scope, long band, long sequence) {
        return bandPrefix(scope, band) + String.format("%019d", sequence);
    }
}
