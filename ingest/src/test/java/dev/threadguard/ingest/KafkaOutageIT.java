package dev.threadguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.config.Env;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.EmbeddedKafkaBroker;
import dev.threadguard.ingest.auth.TestSiteKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running service: requests get 503 with nothing committed, and the
 * service recovers on its own once the broker is back. Uses a broker of its own, since stopping the
 * shared one would disturb the other tests.
 */
class KafkaOutageIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    private String siteKey;

    @Test
    void brokerOutageGives503AndNothingHalfWrittenThenRecovers() throws Exception {
        String articleId = "a-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir);
             IngestService service = IngestService.start(IngestConfig.fromEnv(new Env(Map.of(
                     "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                     "INGEST_PORT", "0",
                     "INGEST_SEND_TIMEOUT", "PT2S",
                     "INGEST_PRODUCERS", "1",
                     "TOPIC_PARTITIONS", "1"))))) {
            URI base = URI.create("http://localhost:" + service.port());
            siteKey = TestSiteKeys.create(broker.bootstrapServers(), TestSiteKeys.SITE);
            await().atMost(Duration.ofSeconds(10)).until(() -> service.siteKeys().keys().find(siteKey).isPresent());
            assertThat(postBatch(base, articleId, "before").statusCode()).isEqualTo(202);

            broker.stop();
            HttpResponse<String> during = postBatch(base, articleId, "during-1", "during-2");
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            await().atMost(Duration.ofSeconds(20)).until(() -> get(base.resolve("/health")).statusCode() == 503);
            // Known to be down: refused at once, not after the send timeout (2 s here, 10 s by default).
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThat(postBatch(base, articleId, "known-down-" + i).statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                long healthStart = System.nanoTime();
                assertThat(get(base.resolve("/health")).statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - healthStart)).isLessThan(Duration.ofMillis(500));
            }

            broker.restart();
            // The producer of the failed transaction was replaced; the service needs no restart.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> postBatch(base, articleId, "after").statusCode() == 202);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(base.resolve("/health")).statusCode() == 200);

            List<String> committed = committedCommentIds(broker.bootstrapServers(), articleId, "after");
            assertThat(committed).startsWith("before").contains("after")
                    .doesNotContain("during-1", "during-2", "known-down-0", "known-down-1", "known-down-2");

            // The outage shows on /metrics: failed transactions and 503s, while "before" and "after" committed.
            String metrics = get(base.resolve("/metrics")).body();
            assertThat(sample(metrics, "threadguard_ingest_publish_errors_total{error=\"kafka-unavailable\",service=\"ingest\"}")).isPositive();
            // The first request after the stop may already find Kafka known to be down (refused before any
            // transaction), so a failed transaction is not certain; the refusals are counted either way.
            assertThat(sample(metrics, "threadguard_ingest_publish_duration_seconds_count{outcome=\"committed\",service=\"ingest\"}")).isEqualTo(2);
            assertThat(sample(metrics, "threadguard_ingest_rejections_total{reason=\"unavailable\",route=\"/api/comments/batch\",service=\"ingest\"}"))
                    .isPositive();
        }
    }

    private HttpResponse<String> postBatch(URI base, String articleId, String... commentIds) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (String id : commentIds) {
            body.append("{\"commentId\":\"").append(id).append("\",\"articleId\":\"").append(articleId)
                    .append("\",\"body\":\"text of ").append(id).append("\"}\n");
        }
        return HTTP.send(TestSiteKeys.authorized(HttpRequest.newBuilder(base.resolve("/api/comments/batch")), siteKey)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series written exactly as {@code series} (Micrometer sorts the labels). */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in\n" + scrape));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The comment ids committed on the article's thread, read until {@code last} shows up. */
    private static List<String> committedCommentIds(String bootstrap, String articleId, String last) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-outage-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_SUBMITTED.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (articleId.equals(r.key())) {
                        ids.add(commentId(r.value()));
                    }
                });
                return ids.contains(last);
            });
        }
        return ids;
    }

    private static String commentId(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node.get("commentId").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
