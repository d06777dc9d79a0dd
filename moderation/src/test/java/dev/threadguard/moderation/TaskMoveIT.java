package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Json;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.moderation.judge.DetectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that move between the stream threads of one instance keep their state: under exactly-once a task whose
 * stores could not all record their changelog offset at the clean close is declared corrupted at its next start,
 * wiped and restored from its changelogs (Kafka Streams 4.4's window store kept that offset only in its segments, so
 * the global copy store without a comment long enough for it lost it: see GlobalCopiesStore). Here no comment is
 * long enough, every task moves twice, and nothing may be restored.
 */
class TaskMoveIT {
    @TempDir
    static Path stateDir;

    @Test
    void tasksMovedBetweenStreamThreadsAreNotRestoredFromTheirChangelogs() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicSetup.ensureTopics(bootstrap, ModerationConfig.DEFAULT_TOPIC_PARTITIONS, (short) 1);
        String app = "moderation-task-move-" + UUID.randomUUID().toString().substring(0, 8);
        GroupOffsets.startAtTheEnd(bootstrap, app, List.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name()));
        ModerationConfig config = ModerationConfig.defaults(bootstrap).withApplicationId(app).withStateDir(stateDir)
                .withPort(0).withDetectors(DetectorConfig.defaults().withOffTopicEmbeddings(false));
        AtomicLong restored = new AtomicLong();
        Set<String> restoredStores = ConcurrentHashMap.newKeySet();
        try (KafkaStreams streams = new KafkaStreams(ModerationTopology.build(config),
                ModerationService.tunedStreamsProperties(config, new StreamsTuning(2, 0, Duration.ofMillis(100), 64)))) {
            streams.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
                    restored.addAndGet(count);
                    restoredStores.add(store + " (" + partition + ")");
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long total) {
                }
            });
            streams.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            try (KafkaConsumer<String, String> verdicts = consumer(bootstrap)) {
                verdicts.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
                Set<String> judged = new HashSet<>();
                judge(bootstrap, app, 1, verdicts, judged);

                assertThat(streams.removeStreamThread(Duration.ofSeconds(30))).isPresent();
                awaitAllTasksRunning(streams, 1);
                judge(bootstrap, app, 2, verdicts, judged);
                assertThat(streams.addStreamThread()).isPresent();
                awaitAllTasksRunning(streams, 2);
                judge(bootstrap, app, 3, verdicts, judged);
            }
        }
        assertThat(restored.get()).as("records restored from changelogs, in %s", restoredStores).isZero();
    }

    /** Every partition's task active again, on the given number of stream threads. */
    private static void awaitAllTasksRunning(KafkaStreams streams, int threads) {
        await().atMost(90, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            var local = streams.metadataForLocalThreads();
            assertThat(local).hasSize(threads);
            assertThat(local.stream().mapToInt(t -> t.activeTasks().size()).sum())
                    .isGreaterThanOrEqualTo(ModerationConfig.DEFAULT_TOPIC_PARTITIONS);
        });
    }

    /** Posts a short comment (too short for the global copy search) under six articles and waits for the verdicts. */
    private static void judge(String bootstrap, String app, int round, KafkaConsumer<String, String> verdicts,
                              Set<String> judged) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int a = 0; a < 6; a++) {
                String articleId = app + "-a" + a;
                if (round == 1) {
                    producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), articleId, Json.writeString(Map.of(
                            "type", "article", "articleId", articleId, "title", "Title " + a, "body", "Body " + a,
                            "publishedAt", Instant.now().minusSeconds(60).toString())))).get(30, TimeUnit.SECONDS);
                }
                producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), articleId, Json.writeString(Map.of(
                        "type", "comment", "commentId", articleId + "-c" + round, "articleId", articleId,
                        "author", "Ann", "body", "Nice, " + round + ".", "postedAt", Instant.now().toString()))))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(90, TimeUnit.SECONDS).untilAsserted(() -> {
            for (ConsumerRecord<String, String> r : verdicts.poll(Duration.ofMillis(200))) {
                // Final verdicts: a provisional one (second opinion pending) is followed by its revision.
                if (r.key() != null && r.key().startsWith(app) && !r.value().contains("\"awaiting\"")) {
                    judged.add(r.key() + "#" + r.value().hashCode());
                }
            }
            assertThat(judged).hasSize(6 * round);
        });
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "task-move-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
