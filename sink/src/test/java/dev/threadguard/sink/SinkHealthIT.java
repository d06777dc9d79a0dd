package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink says UP only while its consumer owns its partitions: a sink whose group cannot finish its
 * rebalance (another member holds every partition and does not come back to poll) reports DOWN with
 * the reason, and UP once the other member leaves and the partitions are its own.
 */
class SinkHealthIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private SinkService sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void aSinkWithoutItsPartitionsReportsDownWithTheReasonUntilItHasThem() throws Exception {
        String groupId = "sink-health-" + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> holder = holder(groupId)) {
            holder.subscribe(List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                holder.poll(Duration.ofMillis(200));
                return holder.assignment().size() == 9;
            });

            // The holder stops polling: the rebalance the sink's join starts waits for it (its max poll interval).
            sink = SinkService.start(FreshDatabase.create("sink_health").sinkConfig(TestKafka.bootstrapServers(), groupId));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = get("/health");
                assertThat(health.statusCode()).isEqualTo(503);
                JsonNode body = Json.MAPPER.readTree(health.body());
                assertThat(body.path("database").asText()).isEqualTo("UP");
                assertThat(body.path("consumer").asText()).isEqualTo("DOWN");
                assertThat(body.path("reasons").toString()).contains("no partitions assigned");
            });
            // And it stays so while the group is stuck, not only for a moment after the start.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> get("/health").statusCode() == 503);
        }
        // The holder left the group on close: the sink gets all nine partitions.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(health.body());
            assertThat(body.path("partitions").asInt()).isEqualTo(9);
            assertThat(body.path("reasons")).isEmpty();
        });
    }

    private static KafkaConsumer<byte[], byte[]> holder(String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 120_000);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + sink.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
