package dev.threadguard.sink.http;

import static dev.threadguard.sink.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.http.Problem;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.auth.AuthConfig;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.time.Clock;
import java.util.Map;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API as a logged-in moderator (logins are tested in sink.auth), over a real PostgreSQL filled through the
 * store (the consumer is tested in SinkServiceIT).
 */
class SinkRoutesTest {
    private static HikariDataSource pool;
    private static Javalin server;
    private static DecisionPublisher publisher;
    private static LoggedIn moderator;

    @BeforeAll
    static void start() {
        pool = FreshDatabase.create("sink_http").migratedPool();
        CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()));
        store.apply(List.of(
                new Change.ArticleUpsert(Samples.article("a-1", "Skype on Azure"), "articles", 0, 0),
                upsert(Samples.comment("a-1", "c-1", null, 1)),
                upsert(Samples.moderated("a-1", "c-2", "c-1", T0.plusSeconds(120), Set.of(Flag.DUPLICATE), "c-1")),
                upsert(Samples.comment("a-1", "c-3", "c-1", 3)),
                upsert(Samples.comment("orphans", "c-9", "missing", 1))));
        // Nothing reaches Kafka here: every decision these tests send is refused before publishing.
        publisher = new DecisionPublisher("127.0.0.1:1", "sink-routes-test");
        Auth auth = new Auth(pool, AuthConfig.defaults(), Clock.systemUTC());
        server = new SinkRoutes(store, new DecisionStore(pool), new DecisionIntake(store, new DecisionStore(pool), publisher,
                Clock.systemUTC()), auth, new ModerationPolicy(Map.of()), List.of("Spam", "Rude"),
                () -> HealthReport.of(store.reachable(), true), Clock.systemUTC()).server().start(0);
        moderator = LoggedIn.moderator("http://localhost:" + server.port(), auth.users());
    }

    @AfterAll
    static void stop() {
        server.stop();
        publisher.close();
        pool.close();
    }

    private static Change upsert(ModeratedComment mc) {
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, 0);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return moderator.get(path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.MEDIA_TYPE);
        JsonNode body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).contains(detailPart);
    }

    @Test
    void threadComesAsATree() throws Exception {
        HttpResponse<String> response = get("/api/threads/a-1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.at("/article/title").asText()).isEqualTo("Skype on Azure");
        assertThat(body.path("commentCount").asInt()).isEqualTo(3);
        assertThat(body.path("comments")).hasSize(1);
        JsonNode root = body.path("comments").get(0);
        assertThat(root.path("commentId").asText()).isEqualTo("c-1");
        assertThat(root.path("postedAt").asText()).isEqualTo("2013-12-17T10:01:00Z");
        assertThat(root.path("replies").findValuesAsText("commentId")).containsExactly("c-2", "c-3");
        JsonNode duplicate = root.path("replies").get(0);
        assertThat(duplicate.path("flags").get(0).asText()).isEqualTo("DUPLICATE");
        assertThat(duplicate.path("duplicateOf").asText()).isEqualTo("c-1");
        assertThat(duplicate.at("/scores/duplicate").asDouble()).isEqualTo(0.97);
        assertThat(duplicate.path("reasons").get(0).asText()).isEqualTo("flagged for DUPLICATE");
        assertThat(duplicate.path("detectorVersion").asText()).isEqualTo("test-1");
    }

    @Test
    void commentsWithoutArticleStillMakeAThread() throws Exception {
        JsonNode body = json(get("/api/threads/orphans"));

        assertThat(body.path("article").isNull()).isTrue();
        assertThat(body.path("comments").get(0).path("parentId").asText()).isEqualTo("missing");
    }

    @Test
    void unknownThreadIs404Problem() throws Exception {
        assertProblem(get("/api/threads/nothing-here"), 404, "nothing-here");
    }

    @Test
    void reviewQueueListsFlaggedCommentsWithTheirArticleTitle() throws Exception {
        JsonNode body = json(get("/api/review-queue?flag=duplicate"));

        assertThat(body.path("items")).hasSize(1);
        assertThat(body.at("/items/0/commentId").asText()).isEqualTo("c-2");
        assertThat(body.at("/items/0/articleTitle").asText()).isEqualTo("Skype on Azure");
        assertThat(body.path("next").isNull()).isTrue();
        assertThat(json(get("/api/review-queue?flag=OFF_TOPIC")).path("items")).isEmpty();
    }

    @Test
    void badReviewQueueParametersAre400NamingTheParameter() throws Exception {
        for (String query : List.of("limit=0", "limit=501", "limit=ten")) {
            HttpResponse<String> response = get("/api/review-queue?" + query);
            assertProblem(response, 400, "limit");
            assertThat(json(response).path("parameter").asText()).isEqualTo("limit");
        }
        assertProblem(get("/api/review-queue?flag=SPAM"), 400, "flag must be one of DUPLICATE, OFF_TOPIC, SUPPORT_REQUEST");
        assertProblem(get("/api/review-queue?after=garbage"), 400, "after");
        assertThat(get("/api/review-queue?limit=500").statusCode()).isEqualTo(200);
        assertThat(get("/api/review-queue?limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void healthReportsEachPart() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(Json.MAPPER.readTree("{\"status\":\"UP\",\"database\":\"UP\",\"consumer\":\"UP\"}"));
    }

    @Test
    void unknownRoutesAnswerInTheSameFormat() throws Exception {
        assertProblem(get("/api/nowhere"), 404, "");
    }

    private static HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return moderator.post(path, contentType, body);
    }

    @Test
    void thePublicViewHidesHeldCommentsAndModerationData() throws Exception {
        JsonNode body = json(get("/api/threads/a-1?view=public"));

        assertThat(body.path("view").asText()).isEqualTo("public");
        assertThat(body.path("commentCount").asInt()).isEqualTo(2);
        assertThat(body.path("comments").findValuesAsText("commentId")).containsExactly("c-1", "c-3");
        assertThat(body.toString()).doesNotContain("flags", "scores", "status");
        JsonNode moderator = json(get("/api/threads/a-1?view=moderator"));
        assertThat(moderator.at("/comments/0/replies/0/status").asText()).isEqualTo("HELD");
        assertProblem(get("/api/threads/a-1?view=everyone"), 400, "view must be public or moderator");
    }

    @Test
    void thePageAndTheApiComeWithSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/review-queue", "/openapi.yaml")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(get("/").body()).contains("<ol id=\"queue-list\"").doesNotContain("<script>");
        assertThat(get("/openapi.yaml").body()).contains("/api/decisions:", "/api/audit:", "/api/labels.jsonl:");
    }

    @Test
    void settingsNameTheRejectReasonsAndThePolicy() throws Exception {
        JsonNode body = json(get("/api/moderation/settings"));

        assertThat(body.path("rejectReasons").toString()).isEqualTo("[\"Spam\",\"Rude\"]");
        assertThat(body.at("/policy/DUPLICATE").asText()).isEqualTo("hold");
        assertThat(body.at("/policy/OFF_TOPIC").asText()).isEqualTo("publish-and-flag");
        assertThat(json(get("/api/moderation/summary")).path("queued").asInt()).isEqualTo(1);
    }

    @Test
    void decisionsThatCannotBeTakenAreRefusedNamingEachOneAndNothingIsPublished() throws Exception {
        assertThat(post("/api/decisions", "text/plain", "{}").statusCode()).isEqualTo(415);
        assertProblem(post("/api/decisions", "application/json", "{nope"), 400, "not valid JSON");
        assertProblem(post("/api/decisions", "application/json", "42"), 400, "expected a decision object");

        HttpResponse<String> response = post("/api/decisions", "application/json", """
                [{"commentId":"c-2","action":"APPROVE","moderator":"Ada"},
                 {"commentId":"c-404","action":"APPROVE","moderator":"Ada"},
                 {"commentId":"c-2","action":"REJECT","moderator":"Ada"},
                 {"commentId":"c-1","action":"NOT_DUPLICATE","moderator":"Ada"},
                 {"commentId":"c-2","action":"APPROVE","moderator":"  "},
                 {"commentId":"c-2","action":"SHRUG","moderator":"Ada"}]""");

        // The Kafka address is unreachable: had anything been published, this would be a 503 after a timeout.
        assertProblem(response, 400, "no decision was taken");
        JsonNode errors = json(response).path("errors");
        List<String> described = new java.util.ArrayList<>();
        errors.forEach(e -> described.add(e.path("field").asText()));
        assertThat(described).containsExactly("[5].action");
        response = post("/api/decisions", "application/json", """
                [{"commentId":"c-2","action":"APPROVE","moderator":"Ada"},
                 {"commentId":"c-404","action":"APPROVE","moderator":"Ada"},
                 {"commentId":"c-2","action":"REJECT","moderator":"Ada"},
                 {"commentId":"c-1","action":"NOT_DUPLICATE","moderator":"Ada"},
                 {"commentId":"c-2","action":"APPROVE","moderator":"  "},
                 {"commentId":"c-2","action":"APPROVE","moderator":"%s"}]""".formatted("m".repeat(101)));
        // A missing reason breaks the rules (400); the moderator fields, blank or too long, are ignored.
        assertProblem(response, 400, "no decision was taken");
        described.clear();
        json(response).path("errors").forEach(e -> described.add(e.path("field").asText()
                + ": " + e.path("message").asText()));
        assertThat(described).containsExactly(
                "[1].commentId: no comment c-404 is stored",
                "[2].reason: is required to reject a comment",
                "[3].action: comment c-1 was not flagged DUPLICATE, so NOT_DUPLICATE corrects nothing");
        // Well-formed, but not fitting what is stored: 422.
        response = post("/api/decisions", "application/json", """
                [{"commentId":"c-404","action":"APPROVE","moderator":"Ada"},
                 {"commentId":"c-1","action":"NOT_DUPLICATE","moderator":"Ada"}]""");
        assertProblem(response, 422, "no decision was taken");
        described.clear();
        json(response).path("errors").forEach(e -> described.add(e.path("field").asText()));
        assertThat(described).containsExactly("[0].commentId", "[1].action");
    }

    @Test
    void labelsComeAsJsonLines() throws Exception {
        HttpResponse<String> response = get("/api/labels.jsonl");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-ndjson");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void badAuditAndQueueParametersAre400() throws Exception {
        assertProblem(get("/api/audit?from=yesterday"), 400, "from must be a date");
        assertProblem(get("/api/review-queue?minAge=1h"), 400, "minAge must be an ISO-8601 duration");
        assertThat(json(get("/api/audit?from=2013-12-17&to=2013-12-17")).path("entries")).isEmpty();
        assertThat(json(get("/api/review-queue?articleId=a-1&maxAge=P36500D")).path("total").asInt()).isEqualTo(1);
    }
}
