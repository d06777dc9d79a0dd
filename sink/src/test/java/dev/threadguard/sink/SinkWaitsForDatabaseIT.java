package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.threadguard.contract.Json;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.FreePorts;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sink started while PostgreSQL cannot be reached waits for it and starts once it can, instead of exiting; one
 * whose database answers but refuses it (here: a database that does not exist) fails at once with the reason.
 */
class SinkWaitsForDatabaseIT {
    private static SinkConfig config(String jdbcUrl, String user) {
        return new SinkConfig(TestKafka.bootstrapServers(), jdbcUrl, user, "", 0, "sink-wait-" + UUID.randomUUID(), 4, 3,
                (short) 1, new ModerationPolicy(Map.of()), SinkConfig.DEFAULT_REJECT_REASONS);
    }

    @Test
    void aSinkStartedBeforeItsDatabaseWaitsAndStartsOnceTheDatabaseIsUp() throws Exception {
        int port = FreePorts.pick();
        SinkConfig config = config("jdbc:postgresql://localhost:" + port + "/postgres", "postgres");
        CompletableFuture<SinkService> starting = CompletableFuture.supplyAsync(() -> SinkService.start(config));
        // Nothing listens on the port: the start neither returns nor fails.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> !starting.isDone());

        try (EmbeddedDatabase database = EmbeddedDatabase.start(port)) {
            SinkService sink = starting.get(120, TimeUnit.SECONDS);
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + sink.port() + "/health")).build();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Json.MAPPER.readTree(
                        http.send(health, HttpResponse.BodyHandlers.ofString()).body()).path("database").asText())
                        .isEqualTo("UP"));
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void aDatabaseThatRefusesTheSinkFailsItsStartAtOnce() {
        String url = TestServers.database().jdbcUrl().replaceFirst("/postgres\\?", "/no_such_database?");
        assertThat(url).contains("/no_such_database?");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> SinkService.start(config(url, TestServers.database().user())))
                        .hasStackTraceContaining("no_such_database"));
    }
}
