package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.sink.auth.Role;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions through the real broker: POST /api/decisions publishes to moderation.decisions, the sink reads
 * them back and applies them (status, audit row, label); a second sink with an empty database, reading both
 * topics from the start, ends with the same statuses and the same audit trail. The moderator recorded is the
 * session's user, whatever the body claims.
 */
class DecisionFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static SinkService sink;
    private static TestKafka kafka;
    private static LoggedIn ada;
    private static LoggedIn bob;

    @BeforeAll
    static void start() {
        FreshDatabase db = FreshDatabase.create("decisions_it");
        sink = SinkService.start(db.sinkConfig(TestKafka.bootstrapServers(), "decisions-it-" + UUID.randomUUID()));
        kafka = new TestKafka();
        String url = "http://localhost:" + sink.port();
        ada = LoggedIn.as(url, sink.auth().users(), "Ada", Role.MODERATOR);
        bob = LoggedIn.as(url, sink.auth().users(), "Bob", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        kafka.close();
        sink.close();
    }

    private static HttpResponse<String> get(LoggedIn s, String path) throws IOException, InterruptedException {
        return s.get(path);
    }

    private static JsonNode json(LoggedIn s, String path) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(get(s, path).body());
    }

    private static HttpResponse<String> decide(LoggedIn moderator, String body) throws IOException, InterruptedException {
        return moderator.postJson("/api/decisions", body);
    }

    /** commentId -> status, decision reason and dismissed flags, as the moderator view of the thread shows them. */
    private static Map<String, String> statuses(LoggedIn s, String articleId) throws IOException, InterruptedException {
        HttpResponse<String> response = get(s, "/api/threads/" + articleId + "?view=moderator");
        Map<String, String> out = new TreeMap<>();
        if (response.statusCode() == 200) {
            collect(Json.MAPPER.readTree(response.body()).path("comments"), out);
        }
        return out;
    }

    private static void collect(JsonNode nodes, Map<String, String> out) {
        for (JsonNode n : nodes) {
            out.put(n.path("commentId").asText(), n.path("status").asText() + " " + n.path("decisionReason").asText("-")
                    + " " + n.path("dismissedFlags"));
            collect(n.path("replies"), out);
        }
    }

    private static List<String> audit(LoggedIn s, String articleId) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        json(s, "/api/audit?limit=500&articleId=" + URLEncoder.encode(articleId, StandardCharsets.UTF_8))
                .path("entries").forEach(e -> out.add(e.path("decisionId").asText() + " " + e.path("commentId").asText()
                        + " " + e.path("action").asText() + " " + e.path("moderator").asText() + " "
                        + e.path("fromStatus").asText() + "->" + e.path("toStatus").asText() + " "
                        + e.path("reason").asText("-") + " " + e.path("decidedAt").asText()));
        return out;
    }

    @Test
    void decisionsArePublishedAppliedAuditedAndRebuiltFromKafkaAlone() throws Exception {
        String a = "dec-" + UUID.randomUUID().toString().substring(0, 8);
        List<ModeratedComment> comments = List.of(
                Samples.comment(a, a + "-c1", null, 1),
                Samples.moderated(a, a + "-c2", null, Samples.T0.plusSeconds(120), Set.of(Flag.DUPLICATE), a + "-c1"),
                Samples.moderated(a, a + "-c3", a + "-c1", Samples.T0.plusSeconds(180), Set.of(Flag.OFF_TOPIC), null),
                Samples.moderated(a, a + "-c4", null, Samples.T0.plusSeconds(240), Set.of(Flag.SUPPORT_REQUEST), null),
                Samples.moderated(a, a + "-c5", null, Samples.T0.plusSeconds(300), Set.of(Flag.DUPLICATE), a + "-c1"));
        kafka.send(Topics.ARTICLES.name(), a, Json.write(Samples.article(a, "Decisions")));
        comments.forEach(mc -> kafka.send(Topics.COMMENTS_MODERATED.name(), a, Json.write(mc)));
        await().atMost(WAIT).until(() -> statuses(ada, a).size() == 5);
        assertThat(statuses(ada, a)).containsEntry(a + "-c2", "HELD - []").containsEntry(a + "-c3", "PUBLISHED - []");

        // One decision: approved once the sink has read it back; the name claimed in the body is ignored.
        HttpResponse<String> accepted = decide(ada, """
                {"decisionId":"%s-d1","commentId":"%s-c2","action":"APPROVE","moderator":"Chief Moderator"}"""
                .formatted(a, a));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode published = Json.MAPPER.readTree(accepted.body()).at("/decisions/0");
        assertThat(published.path("articleId").asText()).isEqualTo(a);
        assertThat(published.path("moderator").asText()).isEqualTo("Ada");
        await().atMost(WAIT).until(() -> statuses(ada, a).get(a + "-c2").startsWith("APPROVED"));
        assertThat(audit(ada, a)).singleElement().asString()
                .startsWith(a + "-d1 " + a + "-c2 APPROVE Ada HELD->APPROVED -");

        // Bulk: all in one transaction; then the same decision sent again is applied once.
        assertThat(decide(bob, """
                [{"commentId":"%1$s-c4","action":"REJECT","reason":"Spam or advertising"},
                 {"commentId":"%1$s-c5","action":"REJECT","reason":"a rant, free text"},
                 {"decisionId":"%1$s-d3","commentId":"%1$s-c3","action":"NOT_OFF_TOPIC"}]"""
                .formatted(a)).statusCode()).isEqualTo(202);
        assertThat(decide(ada, """
                {"decisionId":"%1$s-d1","commentId":"%1$s-c2","action":"APPROVE"}"""
                .formatted(a)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> audit(ada, a).size() == 4);
        Map<String, String> decided = statuses(ada, a);
        assertThat(decided).containsEntry(a + "-c4", "REJECTED Spam or advertising []")
                .containsEntry(a + "-c5", "REJECTED a rant, free text []")
                .containsEntry(a + "-c3", "PUBLISHED - [\"OFF_TOPIC\"]")
                .containsEntry(a + "-c2", "APPROVED - []");
        assertThat(audit(ada, a)).filteredOn(line -> line.contains(" REJECT ")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("Bob HELD->REJECTED"));
        assertThat(json(ada, "/api/review-queue?limit=500&articleId=" + a).path("items")).isEmpty();
        assertThat(get(ada, "/api/labels.jsonl").body().lines()
                .filter(l -> l.contains("\"" + a + "-c3\"")).toList()).singleElement().satisfies(line -> {
                    JsonNode label = Json.MAPPER.readTree(line);
                    assertThat(label.path("flags")).isEmpty();
                    assertThat(label.path("corrected").get(0).asText()).isEqualTo("OFF_TOPIC");
                });
        List<String> trail = audit(ada, a);

        // A new sink on an empty database, reading both topics from the start, rebuilds the same state.
        FreshDatabase empty = FreshDatabase.create("decisions_replay");
        try (SinkService rebuilt = SinkService.start(
                empty.sinkConfig(TestKafka.bootstrapServers(), "decisions-replay-" + UUID.randomUUID()))) {
            LoggedIn reader = LoggedIn.moderator("http://localhost:" + rebuilt.port(), rebuilt.auth().users());
            await().atMost(WAIT).until(() -> audit(reader, a).size() == 4 && statuses(reader, a).size() == 5);
            assertThat(statuses(reader, a)).isEqualTo(decided);
            assertThat(audit(reader, a)).isEqualTo(trail);
        }
    }
}
