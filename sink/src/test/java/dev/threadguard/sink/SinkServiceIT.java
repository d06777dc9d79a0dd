package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.DeadLetter;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.auth.LoggedIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink end to end: real broker, real PostgreSQL, records produced with a real KafkaProducer. */
class SinkServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FreshDatabase db;
    private static SinkService sink;
    private static TestKafka kafka;
    private static LoggedIn moderator;

    @BeforeAll
    static void start() {
        db = FreshDatabase.create("sink_it");
        sink = SinkService.start(db.sinkConfig(TestKafka.bootstrapServers(), "sink-it-" + UUID.randomUUID()));
        kafka = new TestKafka();
        moderator = LoggedIn.moderator(sink);
    }

    @AfterAll
    static void stop() {
        kafka.close();
        sink.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void produce(ModeratedComment mc) {
        kafka.send(Topics.COMMENTS_MODERATED.name(), mc.comment().articleId(), Json.write(mc));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return moderator.get(path);
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(get(path).body());
    }

    private static int commentCount(String articleId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/threads/" + articleId);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("commentCount").asInt() : 0;
    }

    /** Each stored row in full (stored_at, updated_at and source offsets included), in id order. */
    private static List<String> rows(String articleId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT a::text FROM articles a WHERE article_id = ?
                     UNION ALL
                     (SELECT c::text FROM comments c WHERE article_id = ? ORDER BY comment_id)""")) {
            ps.setString(1, articleId);
            ps.setString(2, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void producedRecordsBecomeAThreadAndAReplayChangesNothing() throws Exception {
        String articleId = unique("a");
        List<ModeratedComment> comments = List.of(
                Samples.comment(articleId, articleId + "-c1", null, 1),
                Samples.moderated(articleId, articleId + "-c2", articleId + "-c1", Samples.T0.plusSeconds(120),
                        Set.of(Flag.DUPLICATE), articleId + "-c1"),
                Samples.comment(articleId, articleId + "-c3", null, 3),
                Samples.comment(articleId, articleId + "-c4", articleId + "-c2", 4));
        kafka.send(Topics.ARTICLES.name(), articleId, Json.write(Samples.article(articleId, "Skype on Azure")));
        comments.forEach(SinkServiceIT::produce);

        await().atMost(WAIT).until(() -> commentCount(articleId) == 4);
        await().atMost(WAIT).until(() -> getJson("/api/threads/" + articleId).path("article").isObject());
        JsonNode thread = getJson("/api/threads/" + articleId);
        assertThat(thread.at("/article/title").asText()).isEqualTo("Skype on Azure");
        assertThat(thread.path("comments").findValuesAsText("commentId"))
                .containsExactly(articleId + "-c1", articleId + "-c2", articleId + "-c4", articleId + "-c3");
        JsonNode c1 = thread.path("comments").get(0);
        assertThat(c1.path("replies")).hasSize(1);
        JsonNode c2 = c1.path("replies").get(0);
        assertThat(c2.path("flags").get(0).asText()).isEqualTo("DUPLICATE");
        assertThat(c2.path("duplicateOf").asText()).isEqualTo(articleId + "-c1");
        assertThat(c2.path("replies").get(0).path("commentId").asText()).isEqualTo(articleId + "-c4");
        List<String> before = rows(articleId);

        // The same records once more, then one new comment: once that is stored, the replay was read too
        // (same key, same partition, read in order).
        kafka.send(Topics.ARTICLES.name(), articleId, Json.write(Samples.article(articleId, "Skype on Azure")));
        comments.forEach(SinkServiceIT::produce);
        produce(Samples.comment(articleId, articleId + "-c5", null, 5));
        await().atMost(WAIT).until(() -> commentCount(articleId) == 5);

        List<String> after = rows(articleId);
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after).containsAll(before);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStored() throws Exception {
        String articleId = unique("poison");
        ModeratedComment blankBody = new ModeratedComment(
                new dev.threadguard.contract.Comment(articleId + "-bad", articleId, null, null, null, " ", Samples.T0),
                Samples.comment(articleId, articleId + "-bad", null, 0).verdict());
        kafka.send(Topics.COMMENTS_MODERATED.name(), articleId, "not json");
        kafka.send(Topics.COMMENTS_MODERATED.name(), articleId, Json.write(blankBody));
        // PostgreSQL cannot store a NUL character; the contract refuses it before the database has to.
        produce(new ModeratedComment(
                new dev.threadguard.contract.Comment(articleId + "-nul", articleId, null, null, null, "a\u0000b", Samples.T0),
                Samples.comment(articleId, articleId + "-nul", null, 0).verdict()));
        produce(Samples.comment(articleId, articleId + "-good", null, 1));

        await().atMost(WAIT).until(() -> commentCount(articleId) == 1);
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.deadLetters().stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(articleId))
                .toList();
        assertThat(dead).hasSize(3);
        ConsumerRecord<byte[], byte[]> notJson = dead.get(0);
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(TestKafka.header(notJson, DeadLetter.MESSAGE)).contains("not valid JSON");
        assertThat(TestKafka.header(notJson, DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.COMMENTS_MODERATED.name());
        assertThat(TestKafka.header(dead.get(1), DeadLetter.MESSAGE)).contains("comment.body");
        assertThat(TestKafka.header(dead.get(2), DeadLetter.MESSAGE)).contains("comment.body: must not contain NUL");
        assertThat(Json.read(dead.get(2).value(), ModeratedComment.class).comment().commentId()).isEqualTo(articleId + "-nul");
        assertThat(getJson("/api/threads/" + articleId).at("/comments/0/commentId").asText())
                .isEqualTo(articleId + "-good");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void reviewQueuePagesThroughFlaggedCommentsAndFiltersByFlag() throws Exception {
        String articleId = unique("rq");
        // Posted in 1999, before every other test's comments, so they lead the queue whatever else is in it.
        Instant base = Instant.parse("1999-03-01T12:00:00Z");
        List<ModeratedComment> flagged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Set<Flag> flags = i % 2 == 0 ? Set.of(Flag.DUPLICATE) : Set.of(Flag.OFF_TOPIC);
            flagged.add(Samples.moderated(articleId, articleId + "-f" + i, null, base.plusSeconds(i), flags, null));
        }
        flagged.forEach(SinkServiceIT::produce);
        produce(Samples.moderated(articleId, articleId + "-ok", null, base, Set.of(), null));
        kafka.send(Topics.ARTICLES.name(), articleId, Json.write(Samples.article(articleId, "Review me")));
        await().atMost(WAIT).until(() -> commentCount(articleId) == 6
                && getJson("/api/threads/" + articleId).path("article").isObject());

        List<String> seen = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 3; page++) {
            JsonNode body = getJson("/api/review-queue?limit=2" + (next == null ? "" : "&after=" + next));
            assertThat(body.path("items").size()).isLessThanOrEqualTo(2);
            body.path("items").forEach(item -> {
                if (item.path("articleId").asText().equals(articleId)) {
                    seen.add(item.path("commentId").asText());
                    assertThat(item.path("articleTitle").asText()).isEqualTo("Review me");
                }
            });
            next = body.path("next").isNull() ? null : body.path("next").asText();
        }
        assertThat(seen).containsExactly(articleId + "-f0", articleId + "-f1", articleId + "-f2", articleId + "-f3",
                articleId + "-f4");

        JsonNode duplicates = getJson("/api/review-queue?limit=500&flag=DUPLICATE");
        List<String> ours = new ArrayList<>();
        duplicates.path("items").forEach(item -> {
            assertThat(item.path("flags").toString()).contains("DUPLICATE");
            if (item.path("articleId").asText().equals(articleId)) {
                ours.add(item.path("commentId").asText());
            }
        });
        assertThat(ours).containsExactly(articleId + "-f0", articleId + "-f2", articleId + "-f4");
        assertThat(get("/api/review-queue?flag=NOPE").statusCode()).isEqualTo(400);
    }
}
