package dev.threadguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.ingest.auth.TestSiteKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingest service against the real embedded broker, read back with a read_committed consumer. */
class IngestServiceIT {
    private static final int MAX_BODY = 2_048;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String bootstrap;
    private static IngestService service;

    @BeforeAll
    static void start() {
        bootstrap = TestServers.kafka().bootstrapServers();
        service = IngestService.start(IngestConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "INGEST_PORT", "0",
                "INGEST_MAX_BODY_BYTES", String.valueOf(MAX_BODY),
                "INGEST_MAX_BATCH_BYTES", "65536",
                "INGEST_MAX_BATCH_ITEMS", "100"))));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void articleAndCommentArePublishedKeyedByArticleId() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        Article article = new Article(articleId, "Skype runs on Azure", "Microsoft is moving ...",
                "https://example.com/a", Instant.parse("2013-12-17T09:00:00Z"), List.of("Cloud"));
        Comment comment = new Comment("c-" + UUID.randomUUID(), articleId, null, "Sean", "Where was it?",
                "I hate to think Skype was previously running on a random backbone.", Instant.parse("2013-12-17T10:02:00Z"));

        HttpResponse<String> a = post("/api/articles", "application/json", Json.writeString(article));
        HttpResponse<String> c = post("/api/comments", "application/json; charset=utf-8", Json.writeString(comment));

        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(json(a.body()).get("ids").get(0).asText()).isEqualTo(articleId);
        assertThat(c.statusCode()).isEqualTo(202);
        assertThat(json(c.body()).get("accepted").asInt()).isEqualTo(1);

        ConsumerRecord<String, String> articleRecord = readBack(Topics.ARTICLES.name(), articleId, 1).get(0);
        assertThat(Json.read(articleRecord.value(), Article.class)).isEqualTo(article.withSite(TestSiteKeys.SITE));
        ConsumerRecord<String, String> commentRecord = readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 1).get(0);
        assertThat(commentRecord.key()).isEqualTo(articleId);
        assertThat(json(commentRecord.value()).get("body").asText()).isEqualTo(comment.body());
        assertThat(Json.read(commentRecord.value(), Comment.class)).isEqualTo(comment.withSite(TestSiteKeys.SITE));
    }

    @Test
    void commentWithoutPostedAtIsStampedOnArrival() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        Instant before = Instant.now();
        post("/api/comments", "application/json", "{\"type\":\"comment\",\"commentId\":\"" + articleId + "/c-1\",\"articleId\":\"" + articleId + "\",\"body\":\"hi\"}");

        Comment published = Json.read(readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 1).get(0).value(), Comment.class);
        assertThat(published.postedAt()).isBetween(before, Instant.now());
    }

    @Test
    void jsonLinesBatchOfThreeGivesThreeRecordsInOrder() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        String body = comment("c-1", articleId, "first") + "\n" + comment("c-2", articleId, "second") + "\n\n"
                + comment("c-3", articleId, "third") + "\n";

        HttpResponse<String> response = post("/api/comments/batch", "application/x-ndjson", body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).get("accepted").asInt()).isEqualTo(3);
        List<ConsumerRecord<String, String>> records = readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(articleId);
        assertThat(records).extracting(r -> json(r.value()).get("commentId").asText()).containsExactly(articleId + "/c-1", articleId + "/c-2", articleId + "/c-3");
    }

    @Test
    void jsonArrayBatchIsAccepted() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        String body = "[" + comment("c-1", articleId, "one") + "," + comment("c-2", articleId, "two") + "]";

        assertThat(post("/api/comments/batch", "application/json", body).statusCode()).isEqualTo(202);
        assertThat(readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 2)).hasSize(2);
    }

    @Test
    void batchWithOneBadItemIsRejectedWholeAndNothingIsPublished() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        String body = comment("c-1", articleId, "fine") + "\n"
                + "{\"commentId\":\"c-2\",\"articleId\":\"" + articleId + "\"}\n"
                + comment("c-3", articleId, "fine");

        HttpResponse<String> response = post("/api/comments/batch", "application/jsonl", body);

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("[1].body");
        assertThat(problem.get("errors").get(0).get("message").asText()).startsWith("line 2: ");
        assertNothingPublishedBefore(articleId);
    }

    @Test
    void invalidSingleCommentNamesTheField() throws Exception {
        HttpResponse<String> response = post("/api/comments", "application/json", "{\"commentId\":\"c-1\",\"body\":\"x\"}");

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("articleId");
    }

    @Test
    void oversizeBodyIs413AndNothingIsPublished() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        String body = comment("c-1", articleId, "x".repeat(MAX_BODY));

        HttpResponse<String> response = post("/api/comments", "application/json", body);

        assertThat(problem(response, 413).get("detail").asText()).contains(String.valueOf(MAX_BODY));
        assertNothingPublishedBefore(articleId);
    }

    @Test
    void largeAndChunkedBatchesOverTheLimitAre413() throws Exception {
        byte[] big = (comment("c-1", "a-1", "y".repeat(200_000)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> declared = post("/api/comments/batch", "application/x-ndjson", new String(big, java.nio.charset.StandardCharsets.UTF_8));
        // Without Content-Length (chunked), the limit is found while reading.
        HttpResponse<String> chunked = HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri("/api/comments/batch")))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(problem(declared, 413).get("detail").asText()).contains("65536");
        assertThat(problem(chunked, 413).get("detail").asText()).contains("65536");
    }

    @Test
    void wrongOrMissingContentTypeIs415NamingTheAcceptedTypes() throws Exception {
        String body = comment("c-1", "a-1", "x");

        assertThat(problem(post("/api/comments", "text/plain", body), 415).get("detail").asText()).contains("application/json");
        HttpResponse<String> missing = HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri("/api/comments/batch")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(problem(missing, 415).get("detail").asText()).contains("application/x-ndjson");
        assertThat(problem(post("/api/articles", "application/x-ndjson", body), 415)).isNotNull();
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        HttpResponse<String> response = HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri("/api/nothing-here"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(problem(response, 404).get("detail").asText()).contains("/api/nothing-here");
    }

    @Test
    void healthIsUpWhileKafkaIsReachable() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("status").asText()).isEqualTo("UP");
        assertThat(service.healthy()).isTrue();
    }

    @Test
    void unreachableKafkaGives503WithRetryAfter() throws Exception {
        IngestConfig config = IngestConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + unusedPort(),
                "INGEST_PORT", "0",
                "INGEST_SEND_TIMEOUT", "PT1S")));
        try (IngestService down = IngestService.start(config)) {
            URI base = URI.create("http://localhost:" + down.port());
            // No key can be checked without Kafka: the answer is the same 503 whatever key is sent.
            HttpResponse<String> response = HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(base.resolve("/api/comments")),
                            "tg_any-key-while-kafka-is-down-0000000000000")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(comment("c-1", "a-1", "x"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(problem(response, 503).get("detail").asText()).contains("nothing was published");
            assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(down.healthy()).isFalse();
        }
    }

    /** A comment whose id is {@code commentId} within its article: ids are unique across the pipeline. */
    private static String comment(String commentId, String articleId, String body) {
        return "{\"commentId\":\"" + articleId + "/" + commentId + "\",\"articleId\":\"" + articleId + "\",\"body\":\"" + body + "\"}";
    }

    /**
     * Publishes a marker comment on the article through the service and reads the thread: had the
     * rejected request written anything, it would sit before the marker in the same partition.
     */
    private static void assertNothingPublishedBefore(String articleId) throws Exception {
        assertThat(post("/api/comments", "application/json", comment("marker", articleId, "marker")).statusCode()).isEqualTo(202);
        List<ConsumerRecord<String, String>> thread = readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 1);
        assertThat(thread).extracting(r -> json(r.value()).get("commentId").asText()).containsExactly(articleId + "/marker");
    }

    private static List<ConsumerRecord<String, String>> readBack(String topic, String key, int atLeast) {
        return CommittedRecords.withKey(bootstrap, topic, key, atLeast);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + service.port() + path);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
