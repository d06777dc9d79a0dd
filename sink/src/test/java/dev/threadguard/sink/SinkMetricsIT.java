package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.embedded.MetricsScrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} and {@code GET /api/dashboard} of a sink on the real broker and database, after an article,
 * four moderated comments (one clean, one per flag), a record that is not JSON, and a moderator approving the
 * duplicate. The sink's group starts at the end of the shared topics, so it counts exactly these records.
 */
class SinkMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SinkService sink;
    private static LoggedIn moderator;
    private static TestKafka kafka;
    private static String articleId;
    private static MetricsScrape scrape;

    @BeforeAll
    static void storeAndDecide() throws Exception {
        String groupId = "sink-metrics-it-" + UUID.randomUUID();
        TopicSetup.ensureTopics(TestKafka.bootstrapServers(), 3, (short) 1);
        GroupOffsets.startAtTheEnd(TestKafka.bootstrapServers(), groupId,
                List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
        sink = SinkService.start(FreshDatabase.create("metrics_it").sinkConfig(TestKafka.bootstrapServers(), groupId));
        kafka = new TestKafka();
        moderator = LoggedIn.moderator(sink);

        articleId = "a-metrics-" + UUID.randomUUID();
        Instant posted = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        kafka.send(Topics.ARTICLES.name(), articleId, Json.write(Samples.article(articleId, "Skype moves to Azure")));
        send(Samples.moderated(articleId, articleId + "-c1", null, posted, Set.of(), null));
        send(Samples.moderated(articleId, articleId + "-c2", null, posted.plusSeconds(60), Set.of(Flag.DUPLICATE),
                articleId + "-c1"));
        send(Samples.moderated(articleId, articleId + "-c3", null, posted.plusSeconds(120), Set.of(Flag.OFF_TOPIC), null));
        send(Samples.moderated(articleId, articleId + "-c4", null, posted.plusSeconds(180),
                Set.of(Flag.SUPPORT_REQUEST), null));
        kafka.send(Topics.COMMENTS_MODERATED.name(), articleId, "this is not JSON");
        await().atMost(WAIT).until(() -> json("/api/review-queue").path("total").asInt() == 3);

        HttpResponse<String> decided = moderator.postJson("/api/decisions",
                "{\"commentId\":\"" + articleId + "-c2\",\"action\":\"APPROVE\"}");
        assertThat(decided.statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> json("/api/review-queue").path("total").asInt() == 2);
        // The queue gauge reads the database every few seconds, not per scrape.
        await().atMost(WAIT).untilAsserted(() -> {
            scrape = scrape();
            // Comments are stored in the order sent, so no earlier sample has this state.
            assertThat(scrape.value("threadguard_sink_review_queue_size", Map.of("flag", "duplicate"))).isZero();
            assertThat(scrape.sum("threadguard_sink_review_queue_size", Map.of())).isEqualTo(2);
            assertThat(json("/api/dashboard").path("queue").path("total").asLong()).isEqualTo(2);
            assertThat(scrape.value("threadguard_sink_dead_letters_total", Map.of("topic", "comments.moderated"))).isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void rowsWrittenAreCountedPerTableOncePerRowAndTransaction() {
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "articles"))).isEqualTo(1);
        // Four comments stored; the decision does not rewrite its comment (the status is derived) but what the
        // comment's decisions add up to.
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "comments"))).isEqualTo(4);
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "comment_decisions")))
                .isEqualTo(1);
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "decisions"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "audit"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_sink_rows_written_total", Map.of("table", "labels"))).isZero();
        assertThat(scrape.value("threadguard_sink_db_write_seconds_count")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theQueueSizeIsReadFromTheDatabaseByFlag() {
        // Defaults: duplicates and support requests held, off-topic published and flagged: all three queue.
        assertThat(scrape.value("threadguard_sink_review_queue_size", Map.of("flag", "duplicate"))).isZero();
        assertThat(scrape.value("threadguard_sink_review_queue_size", Map.of("flag", "off_topic"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_sink_review_queue_size", Map.of("flag", "support_request"))).isEqualTo(1);
    }

    @Test
    void decisionsAreCountedByOutcomeAndTheWaitIsMeasured() {
        assertThat(scrape.value("threadguard_sink_decisions_total", Map.of("outcome", "approve"))).isEqualTo(1);
        for (String outcome : List.of("reject", "not_duplicate", "not_off_topic", "not_support_request")) {
            assertThat(scrape.value("threadguard_sink_decisions_total", Map.of("outcome", outcome))).as(outcome).isZero();
        }
        assertThat(scrape.value("threadguard_sink_time_to_moderate_seconds_count")).isEqualTo(1);
        double waited = scrape.value("threadguard_sink_time_to_moderate_seconds_sum");
        assertThat(waited).isPositive().isLessThan(WAIT.toSeconds() * 2.0);
    }

    @Test
    void deadLettersAreCountedByTheTopicTheyCameFrom() {
        assertThat(scrape.value("threadguard_sink_dead_letters_total", Map.of("topic", "comments.moderated"))).isEqualTo(1);
        assertThat(scrape.value("threadguard_sink_dead_letters_total", Map.of("topic", "articles"))).isZero();
        assertThat(scrape.value("threadguard_sink_dead_letters_total", Map.of("topic", "moderation.decisions"))).isZero();
    }

    @Test
    void theConsumerOwnKafkaMetricsAndTheJvmAreThereAndEverySeriesIsTheSinks() {
        assertThat(scrape.sum("kafka_consumer_fetch_manager_records_consumed_total", Map.of())).isPositive();
        assertThat(scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(scrape.text().lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allSatisfy(line -> assertThat(line).contains("service=\"sink\""));
        assertThat(scrape.text()).doesNotContain(articleId).doesNotContain(moderator.name());
    }

    @Test
    void theDashboardCountsVerdictsAndFlagsPerMinuteAndTheTimeToModerate() throws Exception {
        JsonNode view = json("/api/dashboard");

        assertThat(view.path("windowMinutes").asInt()).isEqualTo(60);
        assertThat(view.path("verdicts").path("minutes")).hasSize(60);
        assertThat(view.path("verdicts").path("totals").path("comments").asLong()).isEqualTo(4);
        for (String flag : List.of("DUPLICATE", "OFF_TOPIC", "SUPPORT_REQUEST")) {
            assertThat(view.path("verdicts").path("totals").path(flag).asLong()).as(flag).isEqualTo(1);
        }
        long perMinute = 0;
        for (JsonNode n : view.path("verdicts").path("comments")) {
            perMinute += n.asLong();
        }
        assertThat(perMinute).isEqualTo(4);
        assertThat(view.path("queue").path("now").path("DUPLICATE").asLong()).isZero();
        assertThat(view.path("queue").path("total").asLong()).isEqualTo(2);
        assertThat(view.path("timeToModerate").path("lastDay").path("decisions").asLong()).isEqualTo(1);
        assertThat(view.path("timeToModerate").path("lastDay").path("p50Seconds").asDouble()).isPositive();
        assertThat(view.path("pipeline").path("times")).isNotEmpty();
    }

    private static void send(ModeratedComment m) {
        kafka.send(Topics.COMMENTS_MODERATED.name(), m.comment().articleId(), Json.write(m));
    }

    private static MetricsScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new MetricsScrape(response.body());
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(moderator.get(path).body());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + sink.port() + path);
    }
}
