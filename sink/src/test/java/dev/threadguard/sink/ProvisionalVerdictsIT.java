package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import dev.threadguard.sink.auth.LoggedIn;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisional verdicts end to end (real broker, real PostgreSQL, the sink's HTTP API): moderation publishes a first
 * verdict awaiting OFF_TOPIC's second opinion, then, with the same key (so later on the same partition), the revised
 * final verdict for the same comment. The sink serves the provisional one with its {@code awaiting} until the
 * revision replaces it.
 */
class ProvisionalVerdictsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FreshDatabase db;
    private static SinkService sink;
    private static TestKafka kafka;
    private static LoggedIn moderator;

    @BeforeAll
    static void start() {
        db = FreshDatabase.create("sink_provisional");
        sink = SinkService.start(db.sinkConfig(TestKafka.bootstrapServers(), "sink-prov-" + UUID.randomUUID()));
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

    private static Comment comment(String articleId, String commentId, int second) {
        return new Comment(commentId, articleId, null, "author of " + commentId, null, "text of " + commentId,
                Samples.T0.plusSeconds(second));
    }

    /** The fast verdict: off topic by the static vectors, awaiting the transformer's second opinion. */
    private static ModeratedComment provisional(Comment c) {
        return new ModeratedComment(c, new Verdict(c.commentId(), c.articleId(), Set.of(Flag.OFF_TOPIC), null,
                Map.of("duplicate", 0.1, "offTopic", 0.71, "supportRequest", 0.05),
                List.of("off topic (static vectors)"), "test-1", c.postedAt().plusSeconds(1), Set.of(Flag.OFF_TOPIC)));
    }

    /** The second opinion: on topic after all; final. */
    private static ModeratedComment revision(Comment c) {
        return new ModeratedComment(c, new Verdict(c.commentId(), c.articleId(), Set.of(), null,
                Map.of("duplicate", 0.1, "offTopic", 0.23, "supportRequest", 0.05), List.of(), "test-1",
                c.postedAt().plusSeconds(5)));
    }

    private static void produce(ModeratedComment mc) {
        kafka.send(Topics.COMMENTS_MODERATED.name(), mc.comment().articleId(), Json.write(mc));
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(moderator.get(path).body());
    }

    /** The comment as the thread API serves it, or null while it is not stored. */
    private static JsonNode node(String articleId, String commentId) throws IOException, InterruptedException {
        for (JsonNode n : getJson("/api/threads/" + articleId).path("comments")) {
            if (n.path("commentId").asText().equals(commentId)) {
                return n;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The stored verdict row: flags, awaiting, offTopic score, source offset. */
    private static List<String> row(String commentId) throws SQLException {
        try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT flags::text, awaiting::text, scores->>'offTopic', source_offset::text
                     FROM comment_verdicts WHERE comment_id = ?""")) {
            ps.setString(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))
                        : List.of();
            }
        }
    }

    @Test
    void theRevisionOnTheSameKeyReplacesTheProvisionalVerdict() throws Exception {
        String articleId = unique("prov");
        Comment c = comment(articleId, articleId + "-c1", 1);

        produce(provisional(c));
        await().atMost(WAIT).until(() -> node(articleId, c.commentId()) != null);
        JsonNode first = node(articleId, c.commentId());
        assertThat(texts(first.path("awaiting"))).containsExactly("OFF_TOPIC");
        assertThat(texts(first.path("flags"))).containsExactly("OFF_TOPIC");
        List<String> provisionalRow = row(c.commentId());
        assertThat(provisionalRow.subList(0, 3)).containsExactly("{OFF_TOPIC}", "{OFF_TOPIC}", "0.71");

        produce(revision(c));
        await().atMost(WAIT).until(() -> node(articleId, c.commentId()).path("awaiting").isEmpty()
                && node(articleId, c.commentId()).path("awaiting").isArray());
        JsonNode revised = node(articleId, c.commentId());
        assertThat(texts(revised.path("flags"))).isEmpty();
        assertThat(revised.path("scores").path("offTopic").asDouble()).isEqualTo(0.23);
        assertThat(texts(revised.path("reasons"))).isEmpty();
        assertThat(revised.path("status").asText()).isEqualTo("PUBLISHED");
        List<String> revisedRow = row(c.commentId());
        assertThat(revisedRow.subList(0, 3)).containsExactly("{}", "{}", "0.23");
        // The revision's record, later on the partition both share (same key).
        assertThat(Long.parseLong(revisedRow.get(3))).isGreaterThan(Long.parseLong(provisionalRow.get(3)));
        assertThat(getJson("/api/threads/" + articleId).path("commentCount").asInt()).isEqualTo(1);
    }

    @Test
    void aCommentWithOnlyAProvisionalVerdictIsServedAwaitingOffTopic() throws Exception {
        String articleId = unique("only");
        Comment waiting = comment(articleId, articleId + "-c1", 1);
        Comment settled = comment(articleId, articleId + "-c2", 2);

        produce(provisional(waiting));
        produce(revision(settled));
        await().atMost(WAIT).until(() -> getJson("/api/threads/" + articleId).path("commentCount").asInt() == 2);

        assertThat(texts(node(articleId, waiting.commentId()).path("awaiting"))).containsExactly("OFF_TOPIC");
        assertThat(texts(node(articleId, settled.commentId()).path("awaiting"))).isEmpty();
        assertThat(node(articleId, settled.commentId()).path("awaiting").isArray()).isTrue();
        assertThat(row(waiting.commentId()).subList(0, 2)).containsExactly("{OFF_TOPIC}", "{OFF_TOPIC}");

        // Flagged off topic, provisionally: in the review queue (off-topic is publish-and-flag), awaiting shown.
        JsonNode queue = getJson("/api/review-queue?limit=10&articleId=" + articleId);
        assertThat(queue.path("items")).hasSize(1);
        JsonNode item = queue.path("items").get(0);
        assertThat(item.path("commentId").asText()).isEqualTo(waiting.commentId());
        assertThat(texts(item.path("awaiting"))).containsExactly("OFF_TOPIC");

        // Readers see the comment only: no moderation field, awaiting included.
        JsonNode publicView = Json.MAPPER.readTree(moderator.get("/api/threads/" + articleId + "?view=public").body());
        assertThat(publicView.path("comments").get(0).has("awaiting")).isFalse();
        assertThat(publicView.path("comments").get(0).has("flags")).isFalse();
    }
}
