package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the moderation service writes to Kafka per comment (verdicts, repartition topics and changelogs, all
 * committed records counted) and what its stream threads spend on one, on the real embedded broker. Threads longer
 * than the history bound and authors with more comments than theirs, so that the steady state (evictions) counts.
 */
class StateRecordsIT {
    private static final int ARTICLES = 6;
    private static final int PER_ARTICLE = 50;
    private static final String[] WORDS = ("river lantern copper meadow harvest velvet thunder orbit canyon marble "
            + "whistle ember quarry saddle violet glacier tunnel pepper falcon harbor ribbon cactus beacon walnut "
            + "compass anchor juniper pebble summit tandem").split(" ");

    @TempDir
    Path stateDir;

    @Test
    void recordsWrittenPerCommentStayWithinBudget() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String appId = "moderation-records-" + run;
        ModerationConfig config = ModerationConfig.defaults(bootstrap).withApplicationId(appId).withStateDir(stateDir)
                .withPort(0);
        config = config.withHistory(20, config.retention(), 5);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int comments = ARTICLES * PER_ARTICLE;
        try (ModerationService service = ModerationService.start(config);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
            for (int a = 0; a < ARTICLES; a++) {
                String articleId = "a-" + run + "-" + a;
                producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), articleId, Json.writeString(new Article(
                        articleId, "Article " + a + " on cloud moves", "Body of article " + a + " about moving servers.",
                        "https://example.com/" + run + "/" + a, t0, List.of("cloud")))));
            }
            int n = 0;
            for (int i = 0; i < PER_ARTICLE; i++) {
                for (int a = 0; a < ARTICLES; a++) {
                    String articleId = "a-" + run + "-" + a;
                    // Every 10th comment repeats an earlier text: copies in and across threads are looked up too.
                    int textOf = n % 10 == 9 ? n - 7 : n;
                    Comment c = new Comment("c-" + n, articleId, i > 0 && n % 3 == 0 ? "c-" + (n - ARTICLES) : null,
                            "author-" + (n % 37), null, text(textOf), t0.plusSeconds(n));
                    producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), articleId, Json.writeString(c)));
                    n++;
                }
            }
            producer.flush();
            Set<String> judged = new HashSet<>();
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap, StringDeserializer.class)) {
                consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
                await().atMost(300, TimeUnit.SECONDS).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        // Final verdicts: a provisional one (second opinion pending) is followed by its revision.
                        if (r.key() != null && r.key().startsWith("a-" + run) && !r.value().contains("\"awaiting\"")) {
                            judged.add(r.key() + "/" + r.offset());
                        }
                    }
                    assertThat(judged).hasSize(comments);
                });
            }
            long streamCpuNs = 0;
            for (long id : cpu.getAllThreadIds()) {
                var info = cpu.getThreadInfo(id);
                if (info != null && info.getThreadName().contains(appId) && info.getThreadName().contains("StreamThread")) {
                    streamCpuNs += cpu.getThreadCpuTime(id);
                }
            }
            // Records the app's producers sent, per topic (read while the service runs: closing removes the metrics).
            // Counting what the topics hold afterwards undercounts repartition topics, whose consumed records Streams
            // deletes (repartition.purge.interval.ms), so a read of them races that purge.
            Map<String, Long> sent = sentByTopic(appId);
            long written = 0;
            StringBuilder perTopic = new StringBuilder();
            for (Map.Entry<String, Long> e : sent.entrySet()) {
                written += e.getValue();
                perTopic.append(String.format("%n  %6d %s", e.getValue(), e.getKey().startsWith(appId + "-")
                        ? e.getKey().substring(appId.length() + 1) : e.getKey()));
            }
            long internal = 0;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                    if (topic.startsWith(appId + "-") && topic.endsWith("-changelog")) {
                        long count = committedRecords(bootstrap, topic);
                        internal += count; // less than sent where compaction or an aborted transaction removed some
                    }
                }
            }
            // The input topics are shared with the other tests of this JVM: the app judges their comments too, one
            // verdict each (two where a second opinion revises a provisional one), so the records are divided by the
            // verdicts sent, not by this test's comments.
            long verdicts = sent.getOrDefault(Topics.COMMENTS_MODERATED.name(), 0L);
            assertThat(verdicts).as("a verdict for each of this test's comments at least").isGreaterThanOrEqualTo(comments);
            double perComment = written / (double) verdicts;
            System.out.printf("records written per comment: %.2f (%d comments judged, %d of them this test's, %d records "
                    + "sent, %d of them committed changelog records)%s%nstream-thread CPU per comment: %.0f µs (startup "
                    + "included)%n", perComment, verdicts, comments, written, internal, perTopic,
                    streamCpuNs / 1000.0 / verdicts);
            assertThat(perComment).isLessThanOrEqualTo(10.0);
        }
    }

    private static String text(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(n);
        StringBuilder b = new StringBuilder("Comment " + n + ":");
        for (int i = 0; i < 20; i++) {
            b.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.append('.').toString();
    }

    /** record-send-total of the app's producers (client ids start with the application id), summed per topic. */
    private static Map<String, Long> sentByTopic(String appId) throws Exception {
        javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (javax.management.ObjectName name : server.queryNames(
                new javax.management.ObjectName("kafka.producer:type=producer-topic-metrics,*"), null)) {
            String client = name.getKeyProperty("client-id");
            if (client != null && client.startsWith(appId)) {
                long n = (long) ((Number) server.getAttribute(name, "record-send-total")).doubleValue();
                out.merge(name.getKeyProperty("topic"), n, Long::sum);
            }
        }
        return out;
    }

    /** The committed records of every partition of a topic, read from the beginning up to the end. */
    private static long committedRecords(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, ByteArrayDeserializer.class)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static <T> KafkaConsumer<T, T> consumer(String bootstrap, Class<?> deserializer) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "records-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer));
    }
}
