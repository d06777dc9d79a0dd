package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Moderated comments whose time PostgreSQL cannot store faithfully (after 294276 AD, before the common era)
 * reach the sink as any producer could send them: each is dead-lettered once with a reason naming the field,
 * nothing is stored wrong, and the comments around them are stored.
 */
class UnstorableTimestampsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static SinkService sink;
    private static TestKafka kafka;

    @BeforeAll
    static void start() {
        FreshDatabase db = FreshDatabase.create("timestamps_it");
        sink = SinkService.start(db.sinkConfig(TestKafka.bootstrapServers(), "timestamps-it-" + UUID.randomUUID()));
        kafka = new TestKafka();
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
    void aTimeTheDatabaseCannotHoldIsDeadLetteredWithItsReasonAndTheRestIsStored() throws Exception {
        String a = "ts-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Instant> times = Map.of(
                a + "-far", Instant.parse("+300000-01-01T00:00:00Z"),
                a + "-bc", Instant.parse("-5000-01-01T00:00:00Z"));
        for (Map.Entry<String, Instant> e : times.entrySet()) {
            kafka.send(Topics.COMMENTS_MODERATED.name(), a,
                    Json.write(Samples.moderated(a, e.getKey(), null, e.getValue(), Set.of(), null)));
        }
        ModeratedComment good = Samples.comment(a, a + "-good", null, 1);
        kafka.send(Topics.COMMENTS_MODERATED.name(), a, Json.write(good));

        await().atMost(WAIT).until(() -> deadLetters(a).size() == 2);
        for (ConsumerRecord<byte[], byte[]> dead : deadLetters(a)) {
            String commentId = Json.read(dead.value(), ModeratedComment.class).comment().commentId();
            assertThat(times).containsKey(commentId);
            assertThat(TestKafka.header(dead, DeadLetter.MESSAGE)).as(commentId)
                    .contains("comment.postedAt");
        }
        await().atMost(WAIT).until(() -> thread(a).path("commentCount").asInt() == 1);
        assertThat(thread(a).at("/comments/0/commentId").asText()).isEqualTo(a + "-good");
        assertThat(RawHttp.send(sink.port(), "GET", "/health", Map.of(), null).status()).isEqualTo(200);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String key) {
        return TestKafka.deadLetters().stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .toList();
    }

    private static JsonNode thread(String articleId) throws Exception {
        RawHttp.Response response = RawHttp.send(sink.port(), "GET", "/api/threads/" + articleId + "?view=public",
                Map.of(), null);
        return response.status() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createObjectNode();
    }
}
