package dev.threadguard.sink.http;

import static dev.threadguard.sink.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API over a real PostgreSQL filled through the store (the consumer is tested in SinkServiceIT). */
class SinkRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HikariDataSource pool;
    private static Javalin server;

    @BeforeAll
    static void start() {
        FreshDatabase db = FreshDatabase.create("sink_http");
        pool = Database.pool(db.jdbcUrl(), db.user(), db.password(), 4);
        Database.migrate(pool);
        CommentStore store = new CommentStore(pool);
        store.apply(List.of(
                new Change.ArticleUpsert(Samples.article("a-1", "Skype on Azure"), "articles", 0, 0),
                upsert(Samples.comment("a-1", "c-1", null, 1)),
                upsert(Samples.moderated("a-1", "c-2", "c-1", T0.plusSeconds(120), Set.of(Flag.DUPLICATE), "c-1")),
                upsert(Samples.comment("a-1", "c-3", "c-1", 3)),
                upsert(Samples.comment("orphans", "c-9", "missing", 1))));
        server = new SinkRoutes(store, () -> HealthReport.of(store.reachable(), true)).server().start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        pool.close();
    }

    private static Change upsert(ModeratedComment mc) {
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, 0);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.CONTENT_TYPE);
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
}
