package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the benchmark asks of the broker: topics, loading records, counting outputs, records written. */
final class BenchKafka implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;

    BenchKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
    }

    String bootstrap() {
        return bootstrap;
    }

    void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Writes the traffic as a client producing straight to Kafka would: articles first, keyed by articleId. */
    void load(Traffic traffic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            var aSer = Topics.ARTICLES.valueSerde().serializer();
            traffic.articles().forEach(a -> producer.send(new ProducerRecord<>(Topics.ARTICLES.name(),
                    a.articleId().getBytes(java.nio.charset.StandardCharsets.UTF_8), aSer.serialize(Topics.ARTICLES.name(), a))));
            producer.flush();
            var cSer = Topics.COMMENTS_SUBMITTED.valueSerde().serializer();
            traffic.comments().forEach(c -> producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(),
                    c.articleId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    cSer.serialize(Topics.COMMENTS_SUBMITTED.name(), c))));
            producer.flush();
        }
    }

    /** End offsets of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        return endOffsets(Set.of(topic));
    }

    /** Sum over every topic on the broker, internal ones ({@code __consumer_offsets}, ...) aside, per topic. */
    Map<String, Long> recordsWrittenPerTopic() {
        try {
            Set<String> names = admin.listTopics().names().get();
            Map<TopicPartition, Long> ends = endOffsets(names);
            return ends.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().topic(),
                    TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Records written to each topic since {@code before} (an earlier {@link #recordsWrittenPerTopic()}), topics
     * with none left out, by name.
     */
    Map<String, Long> writtenSince(Map<String, Long> before) {
        Map<String, Long> written = new TreeMap<>();
        recordsWrittenPerTopic().forEach((topic, n) -> {
            long d = n - before.getOrDefault(topic, 0L);
            if (d > 0) {
                written.put(topic, d);
            }
        });
        return written;
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            d.values().forEach(t -> t.partitions().forEach(p ->
                    request.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(request).all().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            r.forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topics + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Counts committed records on {@code topic} after {@code from} until {@code expected} are there, or until
     * none has come for {@code stall} (stuck, not slow: a crowded machine only makes the wait longer), reporting
     * the count as it goes.
     *
     * @return the nanoTime the last expected record was read at, or -1 when it stalled
     */
    long awaitRecords(String topic, Map<TopicPartition, Long> from, long expected, Duration stall, LongConsumer progress) {
        return awaitCounted(topic, from, expected, stall, progress, value -> true);
    }

    /**
     * Like {@link #awaitRecords}, on {@code comments.moderated}, but counts comments judged finally: a comment counts
     * once, at its final verdict (awaiting nothing). Moderation may publish a provisional verdict first (off topic
     * awaiting the transformer's second opinion) and its revision later: counting records would count such a comment
     * twice and end the stage before every comment is finally judged, so verdicts/s would no longer mean comments
     * judged per second, as it did when every comment had one verdict.
     */
    long awaitFinalVerdicts(Map<TopicPartition, Long> from, long expected, Duration stall, LongConsumer progress) {
        Set<String> judged = new HashSet<>();
        return awaitCounted(Topics.COMMENTS_MODERATED.name(), from, expected, stall, progress, value -> {
            Verdict v = Json.read(value, ModeratedComment.class).verdict();
            return !v.provisional() && judged.add(v.commentId());
        });
    }

    private long awaitCounted(String topic, Map<TopicPartition, Long> from, long expected, Duration stall,
            LongConsumer progress, Predicate<byte[]> counts) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = System.nanoTime() + stall.toNanos();
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + stall.toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (counts.test(r.value())) {
                        count++;
                    }
                }
                progress.accept(count);
                if (count >= expected) {
                    return System.nanoTime();
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
