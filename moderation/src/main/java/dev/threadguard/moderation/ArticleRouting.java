package dev.threadguard.moderation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Tells, per input record, whether its producer already put it where the re-keying by articleId would: keyed by the
 * articleId it carries, on the partition the Java client's default partitioner gives that key ({@code murmur2} of
 * the key's UTF-8 bytes modulo the partition count, as ingest's producer and Streams' repartition producer do).
 * Such a record goes straight to the thread stage; any other (another key, a tombstone, librdkafka's
 * {@code consistent_random} partitioner as kcat uses it, a record sent to a chosen partition) goes through the
 * repartition topic. Both reach the same task, so a thread still meets its article in one place.
 *
 * @param <V> the record value (Article or Comment)
 */
final class ArticleRouting<V> implements FixedKeyProcessor<String, V, ArticleRouting.Routed<V>> {
    /** A record with the routing decision: {@code inPlace} = skip the repartition. */
    record Routed<V>(V value, boolean inPlace) {
    }

    private final KeyValueMapper<String, V, String> articleIdOf;
    private final int partitions;
    private FixedKeyProcessorContext<String, Routed<V>> context;

    /** @param partitions the partition count of the input topic (and of its repartition topic) */
    ArticleRouting(KeyValueMapper<String, V, String> articleIdOf, int partitions) {
        this.articleIdOf = articleIdOf;
        this.partitions = partitions;
    }

    /** The partition the default partitioner of the Java client gives a key. */
    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Routed<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        context.forward(record.withValue(new Routed<>(record.value(), inPlace(record))));
    }

    private boolean inPlace(FixedKeyRecord<String, V> record) {
        if (record.key() == null || record.value() == null
                || !record.key().equals(articleIdOf.apply(record.key(), record.value()))) {
            return false;
        }
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return metadata.isPresent() && metadata.get().partition() == partitionFor(record.key(), partitions);
    }
}
