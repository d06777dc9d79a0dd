package dev.threadguard.launcher;

import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads one run's verdicts from {@code comments.moderated} as the sink does (read_committed), from the end offsets
 * at its creation on, noting when each was read; and, for comparison, counts the run's records in the log with
 * read_uncommitted (records of aborted transactions included).
 */
final class VerdictReader implements AutoCloseable {
    /** One verdict record as read: {@code readAt} is {@link System#nanoTime()}. */
    record Read(String commentId, int partition, long offset, long readAt, ModeratedComment value) {
    }

    private final String bootstrap;
    private final String keyPrefix;
    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Long> from;
    private final List<Read> records = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    private VerdictReader(String bootstrap, String keyPrefix, KafkaConsumer<String, String> consumer,
                          Map<TopicPartition, Long> from) {
        this.bootstrap = bootstrap;
        this.keyPrefix = keyPrefix;
        this.consumer = consumer;
        this.from = from;
    }

    /** Verdicts written from now on for the articles of {@code run} (keys {@code a-<run>-...}). */
    static VerdictReader fromNow(String bootstrap, String run) {
        KafkaConsumer<String, String> consumer = consumer(bootstrap, "read_committed");
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENTS_MODERATED.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions.forEach(tp -> from.put(tp, consumer.position(tp)));
        return new VerdictReader(bootstrap, "a-" + run + "-", consumer, from);
    }

    /**
     * Reads what is there (up to 100 ms) and gives the ids of every comment with a final verdict so far: a provisional
     * verdict (awaiting a second opinion) is followed by its revision, the comment's final verdict.
     */
    Set<String> poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.key() != null && r.key().startsWith(keyPrefix)) {
                ModeratedComment m = Json.read(r.value(), ModeratedComment.class);
                records.add(new Read(m.comment().commentId(), r.partition(), r.offset(), System.nanoTime(), m));
                if (!m.verdict().provisional()) {
                    seen.add(m.comment().commentId());
                }
            }
        }
        return seen;
    }

    /** Reads on until the consumer has reached the end (the last stable offset) of every partition. */
    void drainToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
        Awaitility.await("comments.moderated read to its end").atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> {
                    poll();
                    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
    }

    /** When the first verdict matching {@code which} was read after {@code after} (both {@link System#nanoTime()}). */
    OptionalLong firstReadAfter(long after, Predicate<String> which) {
        return records.stream().filter(r -> r.readAt() > after && which.test(r.commentId()))
                .mapToLong(Read::readAt).min();
    }

    List<Read> records() {
        return records;
    }

    /** The comment's final verdict (the first read: there must be one only). */
    ModeratedComment verdict(String commentId) {
        return records.stream().filter(r -> r.commentId().equals(commentId)).map(Read::value)
                .filter(m -> !m.verdict().provisional()).findFirst()
                .orElseThrow(() -> new AssertionError("no final verdict for " + commentId));
    }

    /** The run's records in the log from the start offsets to the high watermark, aborted transactions' included. */
    long countInLog() {
        try (KafkaConsumer<String, String> raw = consumer(bootstrap, "read_uncommitted")) {
            raw.assign(from.keySet());
            from.forEach(raw::seek);
            Map<TopicPartition, Long> end = raw.endOffsets(from.keySet());
            long[] count = {0};
            Awaitility.await("comments.moderated read to its high watermark").atMost(Duration.ofSeconds(30))
                    .pollInSameThread().until(() -> {
                        for (ConsumerRecord<String, String> r : raw.poll(Duration.ofMillis(100))) {
                            if (r.key() != null && r.key().startsWith(keyPrefix)) {
                                count[0]++;
                            }
                        }
                        return end.entrySet().stream().allMatch(e -> raw.position(e.getKey()) >= e.getValue());
                    });
            return count[0];
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "takeover-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
