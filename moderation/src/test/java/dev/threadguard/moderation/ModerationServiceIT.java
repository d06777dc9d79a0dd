package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moderation service on the real embedded broker, fed the way kcat would feed it: plain JSON strings. */
class ModerationServiceIT {
    private static String bootstrap;
    private static ModerationService service;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startService() {
        bootstrap = TestServers.kafka().bootstrapServers();
        ModerationConfig config = ModerationConfig.defaults(bootstrap)
                .withApplicationId("moderation-it-" + UUID.randomUUID())
                .withStateDir(stateDir)
                .withPort(0);
        service = ModerationService.start(config);
        // A precondition, not what is tested: Streams may rebalance again right after its first RUNNING (the
        // repartition topics appear), and a test that began in that moment failed its first check.
        await().atMost(60, TimeUnit.SECONDS).until(service::healthy);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void judgesEveryCommentAndSendsPoisonRecordsToTheDeadLetterTopicWithTheirError() throws Exception {
        String articleId = "a-it-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            // The first comment comes before its article: it is held, then judged when the article arrives.
            send(producer, Topics.COMMENTS_SUBMITTED.name(), articleId, """
                    {"commentId":"%s-c1","articleId":"%s","author":"Ann","body":"Early bird: is this on Azure yet?",\
                    "postedAt":"2024-05-01T10:01:00Z"}""".formatted(articleId, articleId));
            send(producer, Topics.ARTICLES.name(), articleId, """
                    {"type":"article","articleId":"%s","title":"Skype runs on Windows Azure",\
                    "body":"Microsoft moves Skype onto its Azure cloud.","publishedAt":"2024-05-01T10:00:00Z"}"""
                    .formatted(articleId));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), articleId, "this is not JSON");
            send(producer, Topics.ARTICLES.name(), articleId, "an article that is not JSON either");
            send(producer, Topics.COMMENTS_SUBMITTED.name(), articleId,
                    "{\"commentId\":\"%s-nobody\",\"articleId\":\"%s\",\"author\":\"Eve\"}".formatted(articleId, articleId));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), articleId, """
                    {"type":"comment","commentId":"%s-c2","articleId":"%s","parentId":"%s-c1","author":"Bob",\
                    "body":"Yes, since this morning.","postedAt":"2024-05-01T10:02:00Z"}"""
                    .formatted(articleId, articleId, articleId));
            producer.flush();
        }

        List<ModeratedComment> verdicts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(StringDeserializer.class)) {
            consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    ModeratedComment m = articleId.equals(r.key()) ? Json.read(r.value(), ModeratedComment.class) : null;
                    // A provisional verdict (second opinion pending) is superseded by the final one that follows.
                    if (m != null && !m.verdict().provisional()) {
                        verdicts.add(m);
                    }
                }
                assertThat(verdicts).hasSize(2);
            });
        }
        // Ann's and Bob's verdicts pass the by-author repartition topic on different keys: no order between them.
        assertThat(verdicts).extracting(m -> m.comment().commentId())
                .containsExactlyInAnyOrder(articleId + "-c1", articleId + "-c2");
        assertThat(verdicts).filteredOn(m -> m.comment().commentId().equals(articleId + "-c2"))
                .singleElement().satisfies(m -> assertThat(m.comment().parentId()).isEqualTo(articleId + "-c1"));
        assertThat(verdicts).allSatisfy(m -> assertThat(m.verdict().articleId()).isEqualTo(articleId));

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(ByteArrayDeserializer.class)) {
            consumer.subscribe(List.of(Topics.COMMENTS_DLQ.name()));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && articleId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        dead.add(r);
                    }
                }
                assertThat(dead).hasSizeGreaterThanOrEqualTo(3);
            });
            // Each bad record once: nothing more arrives after the three (the c2 verdict came after all of them).
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && articleId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        dead.add(r);
                    }
                });
            }
        }
        assertThat(dead).hasSize(3);
        ConsumerRecord<byte[], byte[]> notJsonArticle = dead.stream()
                .filter(r -> header(r, DeadLetter.SOURCE_TOPIC).equals(Topics.ARTICLES.name())).findFirst().orElseThrow();
        List<ConsumerRecord<byte[], byte[]>> comments = dead.stream()
                .filter(r -> header(r, DeadLetter.SOURCE_TOPIC).equals(Topics.COMMENTS_SUBMITTED.name())).toList();
        assertThat(comments).hasSize(2);
        // Offsets are the ones the producer wrote at; comments of one partition stay in order.
        ConsumerRecord<byte[], byte[]> notJsonComment = comments.get(0);
        assertThat(new String(notJsonComment.value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
        assertThat(header(notJsonComment, DeadLetter.CODE)).isEqualTo("not-json");
        assertThat(header(notJsonComment, DeadLetter.MESSAGE)).startsWith("$: not valid JSON");
        assertThat(new String(notJsonArticle.value(), StandardCharsets.UTF_8))
                .isEqualTo("an article that is not JSON either");
        assertThat(header(notJsonArticle, DeadLetter.CODE)).isEqualTo("not-json");
        assertThat(new String(comments.get(1).value(), StandardCharsets.UTF_8)).contains(articleId + "-nobody");
        assertThat(header(comments.get(1), DeadLetter.CODE)).isEqualTo("invalid-event");
        assertThat(header(comments.get(1), DeadLetter.MESSAGE)).contains("body: is required");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetter.SERVICE)).isEqualTo("moderation");
            assertThat(Long.parseLong(header(r, DeadLetter.SOURCE_OFFSET))).isNotNegative();
            assertThat(Integer.parseInt(header(r, DeadLetter.SOURCE_PARTITION))).isNotNegative();
            assertThat(Instant.parse(header(r, DeadLetter.AT))).isBefore(Instant.now().plusSeconds(1));
            assertThat(header(r, DeadLetter.MESSAGE)).doesNotContain("\n", "Exception", "\tat ");
            assertThat(r.headers().toArray()).noneMatch(h -> h.key().startsWith("__streams"));
        });
        // The poison records did not stop the service: ERROR and NOT_RUNNING are final, so it would never be up.
        await().atMost(30, TimeUnit.SECONDS).until(service::healthy);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static <T> KafkaConsumer<T, T> consumer(Class<?> deserializer) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "moderation-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer));
    }
}
