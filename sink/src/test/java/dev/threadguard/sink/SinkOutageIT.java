package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.embedded.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running sink: health turns 503, nothing is lost (offsets are not
 * committed) and storing resumes by itself when the database is back. The outage is real: PostgreSQL
 * stops accepting connections to the sink's database and drops the open ones.
 */
class SinkOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FreshDatabase db;
    private SinkService sink;
    private LoggedIn moderator;

    @AfterEach
    void stop() {
        if (db != null) {
            FreshDatabase.execute(TestServers.database(), "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
        }
        if (sink != null) {
            sink.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return moderator.get(path);
    }

    private int commentCount(String articleId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/threads/" + articleId);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("commentCount").asInt() : 0;
    }

    private void setDatabaseDown(boolean down) {
        FreshDatabase.execute(TestServers.database(),
                "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS " + (down ? "false" : "true"));
        if (down) {
            FreshDatabase.execute(TestServers.database(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = '" + db.name() + "' AND pid <> pg_backend_pid()");
        }
    }

    @Test
    void aDatabaseOutageHoldsRecordsBackUntilItIsOver() throws Exception {
        db = FreshDatabase.create("sink_outage");
        sink = SinkService.start(db.sinkConfig(TestKafka.bootstrapServers(), "sink-outage-" + UUID.randomUUID()));
        moderator = LoggedIn.moderator(sink);
        String articleId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = new TestKafka()) {
            ModeratedComment first = Samples.comment(articleId, articleId + "-c1", null, 1);
            kafka.send(Topics.COMMENTS_MODERATED.name(), articleId, Json.write(first));
            await().atMost(WAIT).until(() -> commentCount(articleId) == 1);
            assertThat(get("/health").statusCode()).isEqualTo(200);

            setDatabaseDown(true);
            ModeratedComment second = Samples.comment(articleId, articleId + "-c2", null, 2);
            kafka.send(Topics.COMMENTS_MODERATED.name(), articleId, Json.write(second));

            // Both parts report the outage: the database probe fails and the consumer is backing off.
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> health = get("/health");
                assertThat(health.statusCode()).isEqualTo(503);
                JsonNode body = Json.MAPPER.readTree(health.body());
                assertThat(body.path("status").asText()).isEqualTo("DOWN");
                assertThat(body.path("database").asText()).isEqualTo("DOWN");
                assertThat(body.path("consumer").asText()).isEqualTo("DOWN");
                assertThat(body.path("reasons").toString()).contains("PostgreSQL has not answered", "storing fails");
            });
            assertThat(sink.healthy()).isFalse();
            // Answered from memory (the probe runs in the background), not after a 3 s connection attempt.
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(get("/health").statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            }

            setDatabaseDown(false);
            await().atMost(WAIT).until(() -> commentCount(articleId) == 2);
            await().atMost(WAIT).until(() -> get("/health").statusCode() == 200);
            JsonNode thread = Json.MAPPER.readTree(get("/api/threads/" + articleId).body());
            assertThat(thread.path("comments").findValuesAsText("commentId"))
                    .containsExactly(articleId + "-c1", articleId + "-c2");
        }
    }
}
