package dev.threadguard.sink.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one or more polls stored in one transaction, in each partition's order. Confined to the consumer's
 * thread (the rebalance listener runs inside poll, on that thread).
 */
final class Batch {
    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
    private int count;

    void add(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(list);
            count += list.size();
        }
    }

    /**
     * Forgets the records of partitions this consumer no longer owns: nothing of them is committed, so their new
     * owner reads them again from the last committed offset.
     */
    void drop(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            List<ConsumerRecord<String, byte[]>> gone = byPartition.remove(tp);
            if (gone != null) {
                count -= gone.size();
            }
        }
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Every record, each partition's in offset order. */
    List<ConsumerRecord<String, byte[]>> records() {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>(count);
        byPartition.values().forEach(out::addAll);
        return out;
    }

    /** Per partition, the offset after its last record: what to commit once the batch is stored. */
    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        byPartition.forEach((tp, list) -> offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1)));
        return offsets;
    }

    /** Per partition, the offset of its first record: where to seek back to after a failed store. */
    Map<TopicPartition, Long> firstOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        byPartition.forEach((tp, list) -> offsets.put(tp, list.get(0).offset()));
        return offsets;
    }

    void clear() {
        byPartition.clear();
        count = 0;
    }
}
