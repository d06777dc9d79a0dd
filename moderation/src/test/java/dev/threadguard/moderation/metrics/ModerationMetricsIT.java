package dev.threadguard.moderation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.embedded.MetricsScrape;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.metrics.MetricNames;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.ModerationService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} and {@code GET /health} of a moderation service on the real embedded broker, after a
 * thread of four comments posted two hours ago (one an exact repeat), a comment that is not JSON, an
 * article that breaks the contract, and a comment on an article nobody has published (yet), which waits. The service's consumer group starts at the end of the input topics (as
 * {@code kafka-consumer-groups --reset-offsets --to-latest} would set it), so it judges exactly these records
 * although other tests wrote to the same topics before.
 */
class ModerationMetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration POSTED_AGO = Duration.ofHours(2);

    @TempDir
    static Path stateDir;

    private static String bootstrap;
    private static ModerationService service;
    private static String articleId;
    private static String unpublishedId;
    private static List<ModeratedComment> verdicts;
    private static MetricsScrape scrape;

    @BeforeAll
    static void judgeAThread() throws Exception {
        bootstrap = TestServers.kafka().bootstrapServers();
        TopicSetup.ensureTopics(bootstrap, ModerationConfig.DEFAULT_TOPIC_PARTITIONS, (short) 1);
        String applicationId = "moderation-metrics-it-" + UUID.randomUUID();
        GroupOffsets.startAtTheEnd(bootstrap, applicationId, List.of(Topics.ARTICLES.name(), Topics.COMMENTS_SUBMITTED.name()));
        service = ModerationService.start(ModerationConfig.defaults(bootstrap)
                .withApplicationId(applicationId).withStateDir(stateDir).withPort(0));

        articleId = "a-metrics-" + UUID.randomUUID();
        unpublishedId = articleId + "-unpublished";
        Instant posted = Instant.now().minus(POSTED_AGO).truncatedTo(ChronoUnit.SECONDS);
        String repeated = "Moving Skype onto Azure makes sense: Microsoft wants every one of its big services "
                + "running on its own cloud before it sells that cloud to everybody else.";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            send(producer, Topics.ARTICLES.name(), """
                    {"type":"article","articleId":"%s","title":"Skype moves to Windows Azure",\
                    "body":"Microsoft is moving Skype's back end onto its Azure cloud.",\
                    "publishedAt":"%s"}""".formatted(articleId, posted.minus(Duration.ofHours(1))));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), comment("c1", "Ann", repeated, posted));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), comment("c2", "Bob", repeated, posted.plusSeconds(60)));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), comment("c3", "Cy",
                    "Will the move to Azure change Skype call quality for people on slow connections?",
                    posted.plusSeconds(120)));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), comment("c4", "Dee",
                    "My Skype will not sign in since yesterday. How do I reset my password? Please help!",
                    posted.plusSeconds(180)));
            send(producer, Topics.COMMENTS_SUBMITTED.name(), "this is not JSON");
            send(producer, Topics.ARTICLES.name(), "{\"type\":\"article\",\"articleId\":\"" + articleId + "\"}");
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), unpublishedId, Json.writeString(Map.of(
                    "type", "comment", "commentId", unpublishedId + "-c1", "articleId", unpublishedId,
                    "author", "Eve", "body", "First to comment, before the article is even out.",
                    "postedAt", posted.toString())))).get(30, TimeUnit.SECONDS);
        }
        verdicts = readVerdicts(4);
        // Dead letters commit with the verdicts' transactions, but maybe in a later one.
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            scrape = scrape();
            assertThat(scrape.sum("threadguard_moderation_dead_letters_total", Map.of())).isEqualTo(2);
            assertThat(scrape.value("threadguard_moderation_held_comments")).isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyVerdictIsCountedByItsFlags() {
        assertThat(verdicts).filteredOn(v -> v.comment().commentId().endsWith("-c2"))
                .singleElement().satisfies(v -> assertThat(v.verdict().flags()).contains(Flag.DUPLICATE));
        Map<String, Double> expected = new HashMap<>();
        for (Flag flag : Flag.values()) {
            expected.put(MetricNames.flag(flag), (double) verdicts.stream().filter(v -> v.verdict().flags().contains(flag)).count());
        }
        expected.put("none", (double) verdicts.stream().filter(v -> v.verdict().flags().isEmpty()).count());

        assertThat(scrape.value("threadguard_moderation_comments_total")).isEqualTo(4);
        assertThat(scrape.value("threadguard_moderation_provisional_total")).isEqualTo((double) provisional);
        expected.forEach((flag, count) -> assertThat(scrape.value("threadguard_moderation_verdicts_total",
                Map.of("flag", flag))).as("flag %s", flag).isEqualTo(count));
        assertThat(expected.get("duplicate")).isPositive();
    }

    @Test
    void theHelpRequestGetsAProvisionalVerdictThenItsSecondOpinionOnTheSamePartition() {
        String help = articleId + "-c4";
        List<ModeratedComment> forHelp = everyVerdict.stream().filter(m -> m.comment().commentId().equals(help)).toList();
        assertThat(forHelp).hasSize(2);
        assertThat(forHelp.get(0).verdict().awaiting()).containsExactly(Flag.OFF_TOPIC);
        assertThat(forHelp.get(1).verdict().provisional()).isFalse();
        assertThat(forHelp.get(1).verdict().flags()).contains(Flag.SUPPORT_REQUEST);
        assertThat(provisional).isPositive();
    }

    @Test
    void eventLagIsMeasuredFromPostedAtToTheVerdict() {
        // Posted two hours ago: every verdict lands between the 1 h and the 4 h bucket.
        assertThat(scrape.value("threadguard_moderation_event_lag_seconds_count")).isEqualTo(4);
        assertThat(scrape.value("threadguard_moderation_event_lag_seconds_bucket", Map.of("le", "3600.0"))).isZero();
        assertThat(scrape.value("threadguard_moderation_event_lag_seconds_bucket", Map.of("le", "14400.0"))).isEqualTo(4);
        double seconds = scrape.value("threadguard_moderation_event_lag_seconds_sum");
        assertThat(seconds).isBetween(4 * (POSTED_AGO.toSeconds() - 180.0), 4 * (POSTED_AGO.toSeconds() + 600.0));
        assertThat(scrape.value("threadguard_moderation_event_lag_seconds_max")).isGreaterThanOrEqualTo(POSTED_AGO.toSeconds());
    }

    @Test
    void aCommentWaitingForItsArticleIsCountedUntilTheArticleArrives() throws Exception {
        assertThat(scrape.value("threadguard_moderation_held_comments")).isEqualTo(1);
        assertThat(scrape.sum("threadguard_moderation_judged_without_article_total", Map.of())).isZero();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), unpublishedId, """
                    {"type":"article","articleId":"%s","title":"Published at last",\
                    "body":"The article the first comment waited for."}""".formatted(unpublishedId)))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(scrape().value("threadguard_moderation_held_comments")).isZero());
    }

    @Test
    void detectorTimeIsRecordedOncePerCommentJudged() {
        assertThat(scrape.value("threadguard_moderation_detector_seconds_count", Map.of("detector", "all"))).isEqualTo(4);
        assertThat(scrape.value("threadguard_moderation_detector_seconds_sum", Map.of("detector", "all"))).isPositive();
    }

    @Test
    void deadLettersAreCountedByTheTopicTheyCameFrom() {
        assertThat(scrape.value("threadguard_moderation_dead_letters_total", Map.of("topic", "comments.submitted"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_moderation_dead_letters_total", Map.of("topic", "articles"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_moderation_dead_letters_total", Map.of("topic", "internal"))).isZero();
    }

    @Test
    void kafkaStreamsOwnMetricsAndTheJvmAreThereAndEverySeriesIsModerations() {
        assertThat(scrape.sum("kafka_stream_thread_process_total", Map.of())).isPositive();
        assertThat(scrape.text()).contains("kafka_producer_record_send_total{");
        assertThat(scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(scrape.text().lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allSatisfy(line -> assertThat(line).contains("service=\"moderation\""));
        assertThat(scrape.text()).doesNotContain(articleId);
    }

    @Test
    void healthAnswersWithTheStreamsState() throws Exception {
        // 200 only while RUNNING: a rebalance in progress (other tests' apps share the broker) answers 503.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(health.body()).path("status").asText()).isEqualTo("UP");
            assertThat(Json.MAPPER.readTree(health.body()).path("streams").asText()).isEqualTo("RUNNING");
        });
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    /** Provisional verdicts read before the final ones (their second opinion then pending). */
    private static long provisional;
    /** Every verdict read, in the order of their partition (one article: one partition). */
    private static List<ModeratedComment> everyVerdict;

    private static List<ModeratedComment> readVerdicts(int expected) {
        List<ModeratedComment> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "moderation-metrics-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
            await().atMost(90, TimeUnit.SECONDS).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (articleId.equals(r.key())) {
                        out.add(Json.read(r.value(), ModeratedComment.class));
                    }
                }
                // A provisional verdict (second opinion pending) is followed by the comment's final one.
                assertThat(out).filteredOn(m -> !m.verdict().provisional()).hasSize(expected);
            });
        }
        provisional = out.stream().filter(m -> m.verdict().provisional()).count();
        everyVerdict = List.copyOf(out);
        return out.stream().filter(m -> !m.verdict().provisional()).toList();
    }

    private static String comment(String id, String author, String body, Instant postedAt) {
        return Json.writeString(Map.of("type", "comment", "commentId", articleId + "-" + id, "articleId", articleId,
                "author", author, "body", body, "postedAt", postedAt.toString()));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, articleId, value)).get(30, TimeUnit.SECONDS);
    }

    private static MetricsScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return new MetricsScrape(response.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
