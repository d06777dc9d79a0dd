package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * Records that break the input rules, produced straight to Kafka as any client could: each is dead-lettered once,
 * the rest of the thread is judged, and the service stays healthy. Dead letters are matched by their value and by
 * what any header says, not by header names.
 */
class HostileRecordsIT {
    private static String bootstrap;
    private static ModerationService service;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startService() {
        bootstrap = TestServers.kafka().bootstrapServers();
        service = ModerationService.start(ModerationConfig.defaults(bootstrap)
                .withApplicationId("moderation-hostile-" + UUID.randomUUID())
                .withStateDir(stateDir)
                .withPort(0));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void recordsBreakingTheInputRulesAreDeadLetteredAndTheThreadGoesOn() throws Exception {
        String a = "a-hostile-" + UUID.randomUUID();
        String good = "{\"commentId\":\"%s-c1\",\"articleId\":\"%s\",\"author\":\"Ann\",\"body\":\"Skype on Azure, good.\"}"
                .formatted(a, a);
        List<String> hostile = List.of(
                comment(a, "far-future", "\"body\":\"x\",\"postedAt\":\"+300000-01-01T00:00:00Z\""),
                comment(a, "far-past", "\"body\":\"x\",\"postedAt\":\"-5000-01-01T00:00:00Z\""),
                comment(a, "number", "\"body\":\"x\",\"postedAt\":1e400"),
                comment(a, "surrogate", "\"body\":\"broken \\ud800\""),
                comment(a, "bel", "\"author\":\"Eve\\u0007\",\"body\":\"x\""),
                good.replace("Skype on Azure, good.", "Changed under the same id."));
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Topics.ARTICLES.name(), a, ("{\"type\":\"article\",\"articleId\":\"%s\",\"title\":\"Skype "
                    + "runs on Azure\",\"body\":\"Microsoft moves Skype onto Azure.\"}").formatted(a));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), a, good);
            for (String value : hostile) {
                send(producer, Topics.COMMENTS_SUBMITTED.name(), a, value);
            }
            send(producer, Topics.COMMENTS_SUBMITTED.name(), a, good);
            send(producer, Topics.COMMENTS_SUBMITTED.name(), a, comment(a, "orphan",
                    "\"parentId\":\"never-posted\",\"body\":\"A reply to nothing we know.\""));
        }

        List<ModeratedComment> verdicts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(StringDeserializer.class)) {
            consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
            await().atMost(90, TimeUnit.SECONDS).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    ModeratedComment m = a.equals(r.key()) ? Json.read(r.value(), ModeratedComment.class) : null;
                    // A provisional verdict (second opinion pending) is superseded by the final one that follows.
                    if (m != null && !m.verdict().provisional()) {
                        verdicts.add(m);
                    }
                }
                assertThat(verdicts).hasSize(2);
            });
        }
        // One verdict for c1 however often it was sent; the orphan was judged, its parentId kept.
        assertThat(verdicts).extracting(m -> m.comment().commentId())
                .containsExactlyInAnyOrder(a + "-c1", a + "-orphan");
        assertThat(verdicts).filteredOn(m -> m.comment().commentId().equals(a + "-c1"))
                .allSatisfy(m -> assertThat(m.comment().body()).isEqualTo("Skype on Azure, good."));
        assertThat(verdicts).filteredOn(m -> m.comment().commentId().equals(a + "-orphan")).singleElement()
                .satisfies(m -> assertThat(m.comment().parentId()).isEqualTo("never-posted"));

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(ByteArrayDeserializer.class)) {
            consumer.subscribe(List.of(Topics.COMMENTS_DLQ.name()));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && a.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        dead.add(r);
                    }
                }
                assertThat(dead).hasSize(hostile.size());
            });
        }
        // Refused by the deserializer: the record as it came. The changed resend is refused in the thread stage,
        // after the repartition by article: the comment as that topic carries it.
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsAll(hostile.subList(0, hostile.size() - 1));
        assertThat(dead).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains("far-future"))
                .singleElement().satisfies(r -> {
                    assertThat(header(r, DeadLetter.CODE)).isEqualTo("invalid-event");
                    assertThat(header(r, DeadLetter.MESSAGE)).contains("postedAt");
                });
        assertThat(dead).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains("Changed under"))
                .singleElement().satisfies(r -> {
                    assertThat(header(r, DeadLetter.CODE)).isEqualTo("comment-id-conflict");
                    assertThat(header(r, DeadLetter.MESSAGE)).startsWith("comment-id-conflict: comment " + a + "-c1");
                });
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetter.SERVICE)).isEqualTo("moderation");
            assertThat(header(r, DeadLetter.MESSAGE)).doesNotContain("\n", "Exception", "\tat ");
            assertThat(r.headers().toArray()).noneMatch(h -> h.key().startsWith("__streams"));
        });
        assertThat(service.healthy()).isTrue();

        // Moderation's own HTTP answers every other request as problem+json.
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.port() + "/health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(wrong.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    private static String comment(String articleId, String id, String members) {
        return "{\"commentId\":\"%s-%s\",\"articleId\":\"%s\",%s}".formatted(articleId, id, articleId, members);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        assertThat(h).as("header " + name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static <T> KafkaConsumer<T, T> consumer(Class<?> deserializer) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "moderation-hostile-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer));
    }
}
