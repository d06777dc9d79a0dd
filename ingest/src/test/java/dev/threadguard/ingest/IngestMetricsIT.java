package dev.threadguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.config.Env;
import dev.threadguard.embedded.MetricsScrape;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.ingest.auth.TestSiteKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of an ingest service of its own (so the counts start at zero) after an article,
 * a comment, a batch, a bad comment and an unknown path, against the real embedded broker.
 */
class IngestMetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static IngestService service;
    private static String articleId;
    private static String scrape;

    @BeforeAll
    static void postTraffic() throws Exception {
        service = IngestService.start(IngestConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestServers.kafka().bootstrapServers(),
                "INGEST_PORT", "0"))));
        articleId = "a-" + UUID.randomUUID();
        String article = "{\"type\":\"article\",\"articleId\":\"" + articleId + "\",\"title\":\"Skype moves to Azure\","
                + "\"body\":\"Microsoft is moving Skype onto Azure.\",\"publishedAt\":\"2013-12-17T09:00:00Z\"}";
        assertThat(post("/api/articles", "application/json", article).statusCode()).isEqualTo(202);
        assertThat(post("/api/comments", "application/json", comment("c-" + articleId, "first!")).statusCode()).isEqualTo(202);
        String batch = comment("c-1-" + articleId, "one") + "\n" + comment("c-2-" + articleId, "two") + "\n"
                + comment("c-3-" + articleId, "three") + "\n";
        assertThat(post("/api/comments/batch", "application/x-ndjson", batch).statusCode()).isEqualTo(202);
        assertThat(post("/api/comments", "application/json", "{\"commentId\":\"c-bad-" + articleId + "\",\"body\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/comments/" + articleId, "*/*").statusCode()).isEqualTo(404);

        HttpResponse<String> response = get("/metrics", "text/plain");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        scrape = response.body();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void requestsAreCountedByRouteMethodAndStatusClass() {
        assertThat(value("threadguard_ingest_requests_total", Map.of("route", "/api/articles", "method", "POST", "status", "2xx"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_requests_total", Map.of("route", "/api/comments", "method", "POST", "status", "2xx"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_requests_total", Map.of("route", "/api/comments", "method", "POST", "status", "4xx"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_requests_total", Map.of("route", "/api/comments/batch", "method", "POST", "status", "2xx"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_requests_total", Map.of("route", "unmatched", "method", "GET", "status", "4xx"))).isEqualTo(1);
        assertThat(sum("threadguard_ingest_requests_total", Map.of("route", "/api/comments/batch"))).isEqualTo(1);
    }

    @Test
    void rejectionsAreCountedByRouteAndReason() {
        assertThat(value("threadguard_ingest_rejections_total", Map.of("route", "/api/comments", "reason", "invalid-input"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_rejections_total", Map.of("route", "unmatched", "reason", "not-found"))).isEqualTo(1);
        assertThat(sum("threadguard_ingest_rejections_total", Map.of())).isEqualTo(2);
    }

    @Test
    void latencyIsAHistogramPerRoute() {
        Map<String, String> batch = Map.of("route", "/api/comments/batch", "method", "POST", "status", "2xx");
        assertThat(value("threadguard_ingest_request_duration_seconds_count", batch)).isEqualTo(1);
        assertThat(value("threadguard_ingest_request_duration_seconds_sum", batch)).isPositive();
        assertThat(value("threadguard_ingest_request_duration_seconds_bucket", with(batch, "le", "+Inf"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_request_duration_seconds_bucket", with(batch, "le", "0.001"))).isBetween(0.0, 1.0);
    }

    @Test
    void committedTransactionsAndEventsPerTopic() {
        assertThat(value("threadguard_ingest_events_published_total", Map.of("topic", "articles"))).isEqualTo(1);
        assertThat(value("threadguard_ingest_events_published_total", Map.of("topic", "comments.submitted"))).isEqualTo(4);
        assertThat(value("threadguard_ingest_publish_duration_seconds_count", Map.of("outcome", "committed"))).isEqualTo(3);
        assertThat(value("threadguard_ingest_publish_duration_seconds_count", Map.of("outcome", "failed"))).isZero();
        assertThat(value("threadguard_ingest_publish_errors_total", Map.of("error", "kafka-unavailable"))).isZero();
        assertThat(sum("threadguard_ingest_publish_errors_total", Map.of())).isZero();
    }

    @Test
    void kafkaProducerClientMetricsCountTheRecordsSent() {
        // Five events in three transactions, spread over the producer pool: the sum is what was sent.
        assertThat(sum("kafka_producer_record_send_total", Map.of())).isEqualTo(5);
        assertThat(scrape).contains("kafka_producer_request_latency_avg{");
    }

    @Test
    void jvmAndProcessMetricsAreThereAndEverySeriesIsTheIngests() {
        assertThat(sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(value("process_uptime_seconds", Map.of())).isPositive();
        assertThat(scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allSatisfy(line -> assertThat(line).contains("service=\"ingest\""));
    }

    @Test
    void noIdEverBecomesALabel() {
        // Every comment, the article and the unknown path carried the article id.
        assertThat(scrape).doesNotContain(articleId);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = get("/metrics", "application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/openmetrics-text"));
        assertThat(response.body()).contains("threadguard_ingest_events_published_total{").endsWith("# EOF\n");
    }

    private static double value(String name, Map<String, String> labels) {
        return new MetricsScrape(scrape).value(name, labels);
    }

    private static double sum(String name, Map<String, String> labels) {
        return new MetricsScrape(scrape).sum(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    private static String comment(String commentId, String body) {
        return "{\"commentId\":\"" + commentId + "\",\"articleId\":\"" + articleId + "\",\"body\":\"" + body + "\"}";
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(uri(path))).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + service.port() + path);
    }
}
