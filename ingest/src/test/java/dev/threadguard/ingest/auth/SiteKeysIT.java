package dev.threadguard.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.SiteKey;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.ingest.CommittedRecords;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Site keys against the real broker: the 401s, revocation seen by a running instance, the site stamped on events,
 * rate limits, seeding from {@code THREADGUARD_SITE_KEY} and keys read back by a restarted instance. The services
 * here get only {@code KAFKA_BOOTSTRAP_SERVERS}: no database is involved in accepting comments.
 */
class SiteKeysIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String bootstrap;
    private static IngestService service;
    private static SiteKeyAdmin admin;

    @BeforeAll
    static void start() {
        bootstrap = TestServers.kafka().bootstrapServers();
        admin = TestSiteKeys.admin(bootstrap);
        service = start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static IngestService start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "INGEST_PORT", "0"));
        env.putAll(extra);
        return IngestService.start(IngestConfig.fromEnv(new Env(env)));
    }

    @Test
    void requestWithoutKeyIs401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = post(service, "/api/comments", null, comment("c-1", "a-1", "x"));

        JsonNode problem = problem(response, 401);
        assertThat(problem.get("type").asText()).isEqualTo("urn:threadguard:problem:unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"threadguard\"");
        assertThat(get(service, "/health").statusCode()).isEqualTo(200);
        assertThat(get(service, "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownAndRevokedKeysGetTheSameAnswer() throws Exception {
        SiteKeyAdmin.CreatedKey created = admin.create("revoked-site");
        awaitKnown(service, created.key());
        admin.revoke(created.siteKey().keyId());
        await().atMost(Duration.ofSeconds(5)).until(() -> service.siteKeys().keys().find(created.key()).map(k -> !k.active()).orElse(false));

        HttpResponse<String> unknown = post(service, "/api/comments", SiteKeyTokens.newKey(), comment("c-1", "a-1", "x"));
        HttpResponse<String> revoked = post(service, "/api/comments", created.key(), comment("c-1", "a-1", "x"));

        assertThat(problem(unknown, 401).get("detail").asText()).isEqualTo(problem(revoked, 401).get("detail").asText());
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).isEqualTo(revoked.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"threadguard\", error=\"invalid_token\"");
        String metrics = get(service, "/metrics").body();
        assertThat(sample(metrics, "threadguard_ingest_refused_total{reason=\"unknown-key\",service=\"ingest\"}")).isPositive();
        assertThat(sample(metrics, "threadguard_ingest_refused_total{reason=\"revoked-key\",service=\"ingest\"}")).isPositive();
    }

    @Test
    void keyCreatedLikeTheCliIsAcceptedAndRefusedWithinSecondsOfItsRevocation() throws Exception {
        // SiteKeyAdmin is what `threadguard keys create` and `keys revoke` run.
        SiteKeyAdmin.CreatedKey created = admin.create("example.org");
        assertThat(created.key()).startsWith("tg_").hasSize(46);
        assertThat(created.siteKey().hash()).isEqualTo(SiteKeyTokens.hash(created.key())).doesNotContain(created.key());
        assertThat(admin.list()).extracting(SiteKey::keyId).contains(created.siteKey().keyId());

        awaitKnown(service, created.key());
        assertThat(post(service, "/api/comments", created.key(), comment("c-" + UUID.randomUUID(), "a-1", "x")).statusCode()).isEqualTo(202);

        admin.revoke(created.siteKey().keyId());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                post(service, "/api/comments", created.key(), comment("c-" + UUID.randomUUID(), "a-1", "x")).statusCode() == 401);
        assertThat(admin.list()).filteredOn(k -> k.keyId().equals(created.siteKey().keyId()))
                .singleElement().satisfies(k -> assertThat(k.revokedAt()).isNotNull());
    }

    @Test
    void eventsAreStampedWithTheKeysSiteWhateverTheBodySays() throws Exception {
        String key = admin.create("news.example").key();
        awaitKnown(service, key);
        String articleId = "a-" + UUID.randomUUID();
        String article = "{\"articleId\":\"" + articleId + "\",\"title\":\"T\",\"body\":\"B\",\"site\":\"someone-else\"}";
        String single = "{\"commentId\":\"c-1\",\"articleId\":\"" + articleId + "\",\"body\":\"x\",\"site\":\"someone-else\"}";
        String batch = "{\"commentId\":\"c-2\",\"articleId\":\"" + articleId + "\",\"body\":\"y\",\"site\":\"someone-else\"}\n"
                + comment("c-3", articleId, "z");

        assertThat(post(service, "/api/articles", key, article).statusCode()).isEqualTo(202);
        assertThat(post(service, "/api/comments", key, single).statusCode()).isEqualTo(202);
        assertThat(post(service, "/api/comments/batch", key, batch, "application/x-ndjson").statusCode()).isEqualTo(202);

        assertThat(readBack(Topics.ARTICLES.name(), articleId, 1)).extracting(r -> Json.read(r.value(), Article.class).site())
                .containsExactly("news.example");
        assertThat(readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 3)).extracting(r -> Json.read(r.value(), Comment.class).site())
                .containsExactly("news.example", "news.example", "news.example");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndRateLimitHeaders() throws Exception {
        try (IngestService limited = start(Map.of("INGEST_RATE_LIMIT", "1/min", "INGEST_RATE_BURST", "4"))) {
            String key = admin.create("limited").key();
            awaitKnown(limited, key);
            String articleId = "a-" + UUID.randomUUID();

            // A batch larger than the burst could never pass: 413, not an endless 429 (its first token is spent).
            String five = String.join("\n", comment("c-5", articleId, "d"), comment("c-6", articleId, "e"),
                    comment("c-7", articleId, "f"), comment("c-8", articleId, "g"), comment("c-9", articleId, "h"));
            assertThat(problem(post(limited, "/api/comments/batch", key, five, "application/x-ndjson"), 413)
                    .get("detail").asText()).contains("5 comments");

            HttpResponse<String> two = post(limited, "/api/comments/batch", key,
                    comment("c-1", articleId, "a") + "\n" + comment("c-2", articleId, "b"), "application/x-ndjson");
            assertThat(two.statusCode()).isEqualTo(202);
            assertThat(two.headers().firstValue("RateLimit-Limit")).hasValue("4");
            assertThat(two.headers().firstValue("RateLimit-Remaining")).hasValue("1");
            assertThat(two.headers().firstValue("RateLimit-Reset")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(150L, 180L));

            // A bad request still spends its token and says so.
            HttpResponse<String> bad = post(limited, "/api/comments", key, "{\"commentId\":\"c-3\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("RateLimit-Remaining")).hasValue("0");

            HttpResponse<String> refused = post(limited, "/api/comments", key, comment("c-4", articleId, "c"));
            JsonNode problem = problem(refused, 429);
            assertThat(problem.get("type").asText()).isEqualTo("urn:threadguard:problem:rate-limited");
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("4");
            assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(refused.headers().firstValue("RateLimit-Reset")).isPresent();

            // Buckets are per key: another key of the same site is not limited by the first one's spending.
            String other = admin.create("limited").key();
            awaitKnown(limited, other);
            assertThat(post(limited, "/api/comments", other, comment("c-9", articleId, "h")).statusCode()).isEqualTo(202);
            assertThat(sample(get(limited, "/metrics").body(),
                    "threadguard_ingest_refused_total{reason=\"rate-limited\",service=\"ingest\"}")).isEqualTo(1);
        }
    }

    @Test
    void seedKeyBecomesTheDefaultSitesKeyOnceAndARestartedInstanceReadsKeysBack() throws Exception {
        String seed = SiteKeyTokens.newKey();
        String revokedKey = admin.create("gone").key();
        String revokedId = admin.list().stream().filter(k -> k.hash().equals(SiteKeyTokens.hash(revokedKey))).findFirst().orElseThrow().keyId();
        admin.revoke(revokedId);

        try (IngestService first = start(Map.of(SiteKeyConfig.SEED_VARIABLE, seed))) {
            assertThat(first.siteKeys().keys().seedOutcome()).isEqualTo(SiteKeyRegistry.SeedOutcome.SEEDED);
            String articleId = "a-" + UUID.randomUUID();
            assertThat(post(first, "/api/comments", seed, comment("c-1", articleId, "x")).statusCode()).isEqualTo(202);
            assertThat(readBack(Topics.COMMENTS_SUBMITTED.name(), articleId, 1))
                    .extracting(r -> Json.read(r.value(), Comment.class).site()).containsExactly(SiteKeyConfig.DEFAULT_SITE);
        }
        assertThat(admin.list()).filteredOn(k -> k.site().equals(SiteKeyConfig.DEFAULT_SITE)).hasSize(1);

        // A restart reads every key back from the topic, and a different seed does not replace the first.
        String otherSeed = SiteKeyTokens.newKey();
        try (IngestService restarted = start(Map.of(SiteKeyConfig.SEED_VARIABLE, otherSeed))) {
            assertThat(restarted.healthy()).isTrue();
            assertThat(restarted.siteKeys().keys().seedOutcome()).isEqualTo(SiteKeyRegistry.SeedOutcome.IGNORED);
            assertThat(post(restarted, "/api/comments", seed, comment("c-2", "a-1", "x")).statusCode()).isEqualTo(202);
            String shared = TestSiteKeys.shared();
            awaitKnown(restarted, shared);
            assertThat(post(restarted, "/api/comments", shared, comment("c-3", "a-1", "x")).statusCode()).isEqualTo(202);
            assertThat(post(restarted, "/api/comments", otherSeed, comment("c-4", "a-1", "x")).statusCode()).isEqualTo(401);
            assertThat(post(restarted, "/api/comments", revokedKey, comment("c-5", "a-1", "x")).statusCode()).isEqualTo(401);
        }
        try (IngestService again = start(Map.of(SiteKeyConfig.SEED_VARIABLE, seed))) {
            assertThat(again.siteKeys().keys().seedOutcome()).isEqualTo(SiteKeyRegistry.SeedOutcome.ALREADY_THERE);
        }
        assertThat(admin.list()).filteredOn(k -> k.site().equals(SiteKeyConfig.DEFAULT_SITE)).hasSize(1);
    }

    private static void awaitKnown(IngestService ingest, String key) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.siteKeys().keys().find(key).isPresent());
    }

    private static String comment(String commentId, String articleId, String body) {
        return "{\"commentId\":\"" + commentId + "\",\"articleId\":\"" + articleId + "\",\"body\":\"" + body + "\"}";
    }

    private static HttpResponse<String> post(IngestService ingest, String path, String key, String body) throws IOException, InterruptedException {
        return post(ingest, path, key, body, "application/json");
    }

    private static HttpResponse<String> post(IngestService ingest, String path, String key, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ingest.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            TestSiteKeys.authorized(request, key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(IngestService ingest, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ingest.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("tg_");
        return problem;
    }

    private static double sample(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }

    private static List<ConsumerRecord<String, String>> readBack(String topic, String key, int atLeast) {
        return CommittedRecords.withKey(bootstrap, topic, key, atLeast);
    }
}
