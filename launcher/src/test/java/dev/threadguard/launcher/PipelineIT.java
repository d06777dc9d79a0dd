package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.MetricsScrape;
import dev.threadguard.embedded.TestServers;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The whole pipeline, HTTP to PostgreSQL, on the real embedded broker and database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    private static final List<Event> SAMPLE = SampleThread.events();
    private static final String ARTICLE = SAMPLE.get(0).articleId();
    private static final int COMMENTS = (int) SAMPLE.stream().filter(Comment.class::isInstance).count();

    private static Pipeline pipeline;
    private static ThreadClient client;

    @BeforeAll
    static void startPipeline() throws Exception {
        EmbeddedDatabase db = TestServers.database();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", TestServers.kafka().bootstrapServers());
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("INGEST_PORT", "0");
        env.put("SINK_PORT", "0");
        env.put("MODERATION_PORT", "0");
        pipeline = Pipeline.start(new Env(env), Files.createTempDirectory("pipeline-it"));
        // No THREADGUARD_SITE_KEY: the pipeline generates the key of `default`, as `up` and `demo` do.
        client = new ThreadClient(pipeline.ingestUrl(), pipeline.sinkUrl(), pipeline.siteKey().orElseThrow());
        // The first start with no users created "admin" with a generated password, handed back once.
        client.logIn("admin", pipeline.generatedAdminPassword().orElseThrow());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
            WorkDir.delete(pipeline.dataDir());
        }
    }

    @Test
    @Order(1)
    void sampleThreadPostedOverHttpIsStoredWithTheRightFlags() throws Exception {
        client.publish(SAMPLE);

        JsonNode thread = client.awaitThread(ARTICLE, COMMENTS, Duration.ofSeconds(90));

        Map<String, JsonNode> byId = new HashMap<>();
        collect(thread.path("comments"), byId);
        assertThat(byId).hasSize(COMMENTS);
        assertThat(flags(byId.get("c-02"))).containsExactly("DUPLICATE");
        assertThat(byId.get("c-02").path("duplicateOf").asText()).isEqualTo("c-01");
        assertThat(flags(byId.get("c-11"))).containsExactlyInAnyOrder("SUPPORT_REQUEST", "OFF_TOPIC");
        byId.forEach((id, c) -> {
            if (!List.of("c-02", "c-11", "c-05").contains(id)) {
                assertThat(flags(c)).as("flags of %s", id).isEmpty();
            }
        });
        assertThat(byId.get("c-11").path("reasons")).isNotEmpty();
        // Replies stay under their parent: c-08 answers c-07.
        JsonNode c07 = byId.get("c-07");
        assertThat(c07.path("replies").findValuesAsText("commentId")).contains("c-08", "c-09", "c-10");
    }

    @Test
    @Order(2)
    void everyServiceCountsTheSampleThreadInItsMetrics() throws Exception {
        MetricsScrape ingest = scrape(pipeline.ingestUrl());
        assertThat(ingest.value("threadguard_ingest_events_published_total", Map.of("topic", "articles"))).isEqualTo(1);
        assertThat(ingest.value("threadguard_ingest_events_published_total", Map.of("topic", "comments.submitted")))
                .isEqualTo(COMMENTS);

        MetricsScrape moderation = scrape(pipeline.moderationUrl());
        assertThat(moderation.value("threadguard_moderation_comments_total")).isEqualTo(COMMENTS);
        assertThat(moderation.value("threadguard_moderation_verdicts_total", Map.of("flag", "duplicate"))).isEqualTo(1);
        assertThat(moderation.value("threadguard_moderation_verdicts_total", Map.of("flag", "off_topic"))).isEqualTo(1);
        assertThat(moderation.value("threadguard_moderation_verdicts_total", Map.of("flag", "support_request"))).isEqualTo(1);
        assertThat(moderation.value("threadguard_moderation_verdicts_total", Map.of("flag", "none"))).isEqualTo(COMMENTS - 2);
        // The sample thread was posted in 2013: every verdict is more than ten years behind its comment.
        assertThat(moderation.value("threadguard_moderation_event_lag_seconds_count")).isEqualTo(COMMENTS);
        assertThat(moderation.value("threadguard_moderation_event_lag_seconds_sum")).isGreaterThan(COMMENTS * 10 * 365 * 86_400.0);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MetricsScrape sink = scrape(pipeline.sinkUrl());
            // A comment with a provisional verdict is written twice when its revision lands in a later batch than the
            // provisional verdict (once when both land in one: distinct rows per transaction).
            assertThat(sink.value("threadguard_sink_rows_written_total", Map.of("table", "comments")))
                    .isBetween((double) COMMENTS, COMMENTS + moderation.value("threadguard_moderation_provisional_total"));
            assertThat(sink.value("threadguard_sink_review_queue_size", Map.of("flag", "duplicate"))).isEqualTo(1);
            assertThat(sink.value("threadguard_sink_review_queue_size", Map.of("flag", "support_request"))).isEqualTo(1);
            assertThat(sink.value("threadguard_sink_review_queue_size", Map.of("flag", "off_topic"))).isEqualTo(1);
        });
    }

    private static MetricsScrape scrape(String serviceUrl) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(serviceUrl + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new MetricsScrape(response.body());
    }

    @Test
    @Order(3)
    void replayingTheSameEventsAddsNoRows() throws Exception {
        int before = commentRows();
        JsonNode first = client.thread(ARTICLE).orElseThrow();

        client.publish(SAMPLE);
        // A marker comment published after the replay: once it is stored, the replay has been through.
        Comment marker = new Comment("replay-marker", ARTICLE, null, "tester", null,
                "Azure hosting for Skype makes sense given the scale of the datacenters involved.", null);
        client.publish(List.of(marker));
        client.awaitThread(ARTICLE, COMMENTS + 1, Duration.ofSeconds(60));

        assertThat(commentRows()).isEqualTo(before + 1);
        JsonNode after = client.thread(ARTICLE).orElseThrow();
        Map<String, JsonNode> beforeById = new HashMap<>();
        Map<String, JsonNode> afterById = new HashMap<>();
        collect(first.path("comments"), beforeById);
        collect(after.path("comments"), afterById);
        beforeById.forEach((id, c) -> assertThat(flags(afterById.get(id))).as(id).isEqualTo(flags(c)));
    }

    @Test
    @Order(4)
    void aCommentProducedStraightToKafkaIsModeratedAndStored() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        String json = "{\"commentId\":\"kcat-1\",\"articleId\":\"" + ARTICLE + "\",\"parentId\":\"c-07\","
                + "\"author\":\"Ram U\",\"body\":\"SkyDrive sync on Windows 8.1 works for me too.\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), ARTICLE, "not json at all")).get();
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), ARTICLE, json)).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, JsonNode> byId = new HashMap<>();
            collect(client.thread(ARTICLE).orElseThrow().path("comments"), byId);
            assertThat(byId).containsKey("kcat-1");
            assertThat(byId.get("kcat-1").path("parentId").asText()).isEqualTo("c-07");
        });
        Properties c = new Properties();
        c.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        c.put("group.id", "pipeline-it-dlq");
        c.put("auto.offset.reset", "earliest");
        List<String> deadLetters = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_DLQ.name()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> deadLetters.add(r.value()));
                return deadLetters.contains("not json at all");
            });
        }
    }

    /**
     * A client that partitions differently from Java's (kcat's librdkafka hashes keys with CRC32 by default) or
     * sends no key puts a comment on another partition than its thread: it must still be judged in its thread.
     */
    @Test
    @Order(5)
    void aCommentOnAnotherPartitionThanItsThreadIsStillJudgedInItsThread() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        // Someone else pastes c-01's text: only the thread stage, which holds c-01, can call it a copy.
        String json = "{\"commentId\":\"elsewhere-1\",\"articleId\":\"" + ARTICLE + "\",\"author\":\"Copycat\","
                + "\"body\":\"I hate to think Skype was previously running on a random backbone infrastructure. "
                + "The Azure cloud is the right place.\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            int partitions = producer.partitionsFor(Topics.COMMENTS_SUBMITTED.name()).size();
            int threadPartition = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(ARTICLE.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    % partitions;
            assertThat(partitions).as("the test needs more than one partition").isGreaterThan(1);
            producer.send(new ProducerRecord<>(Topics.COMMENTS_SUBMITTED.name(), (threadPartition + 1) % partitions,
                    null, json)).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, JsonNode> byId = new HashMap<>();
            collect(client.thread(ARTICLE).orElseThrow().path("comments"), byId);
            assertThat(byId).containsKey("elsewhere-1");
            assertThat(flags(byId.get("elsewhere-1"))).contains("DUPLICATE");
            assertThat(byId.get("elsewhere-1").path("duplicateOf").asText()).isEqualTo("c-01");
        });
    }

    /** The site of the key a comment came in with travels through moderation; records produced straight to Kafka have none. */
    @Test
    @Order(6)
    void verdictsCarryTheSiteOfTheKeyTheCommentCameWith() {
        Properties c = new Properties();
        c.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        c.put("group.id", "pipeline-it-sites-" + java.util.UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("isolation.level", "read_committed");
        Map<String, String> siteById = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_MODERATED.name()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (ARTICLE.equals(r.key())) {
                        ModeratedComment moderated = dev.threadguard.contract.Json.read(r.value(), ModeratedComment.class);
                        siteById.put(moderated.comment().commentId(), String.valueOf(moderated.comment().site()));
                    }
                });
                return siteById.containsKey("c-11") && siteById.containsKey("kcat-1");
            });
        }
        assertThat(siteById.get("c-01")).isEqualTo("default");
        assertThat(siteById.get("c-11")).isEqualTo("default");
        assertThat(siteById.get("kcat-1")).isEqualTo("null");
    }

    private static int commentRows() throws Exception {
        try (Connection conn = TestServers.database().dataSource().getConnection();
             ResultSet rs = conn.createStatement().executeQuery("select count(*) from comments")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void collect(JsonNode comments, Map<String, JsonNode> into) {
        for (JsonNode c : comments) {
            into.put(c.path("commentId").asText(), c);
            collect(c.path("replies"), into);
        }
    }

    private static List<String> flags(JsonNode comment) {
        List<String> out = new java.util.ArrayList<>();
        comment.path("flags").forEach(n -> out.add(n.asText()));
        return out;
    }
}
