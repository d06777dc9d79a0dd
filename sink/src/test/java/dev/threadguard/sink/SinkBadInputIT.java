package dev.threadguard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.http.Problem;
import dev.threadguard.sink.auth.Auth;
import dev.threadguard.sink.auth.AuthConfig;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.sink.decisions.DecisionIntake;
import dev.threadguard.sink.decisions.DecisionPublisher;
import dev.threadguard.sink.http.HealthReport;
import dev.threadguard.sink.http.SinkRoutes;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input against the sink's real HTTP API (a real sink on the shared test broker and embedded PostgreSQL):
 * each row one class of bad input, answered with its status and problem {@code type}, naming the parameter or
 * body field at fault, as problem+json without internals. Two more sinks share the database with a Kafka that
 * cannot be resolved and one that does not answer: decisions they cannot publish are a 503, never a 500. Every
 * request is sent logged in (one moderator's session, valid on all three: sessions live in the shared database),
 * so each row reaches the check it is about rather than the login check.
 */
class SinkBadInputIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What must never be in an answer: Java class or package names, exceptions, stack frames, SQL errors. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bjava\\.|\\bjavax\\.|\\borg\\.[a-z]|\\bcom\\.[a-z]|dev\\.threadguard|\\bat [a-z]+\\.|ERROR:|SQLState|`");
    private static final String P = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ARTICLE = P + "-a";
    private static final String HELD = P + "-c2";
    private static final String OTHER_HELD = P + "-c3";
    private static final String FIRST_DECISION = P + "-d1";

    private static SinkService sink;
    private static HikariDataSource pool;
    private static DecisionPublisher unresolvable;
    private static DecisionPublisher unreachable;
    private static Javalin unresolvableKafka;
    private static Javalin unreachableKafka;
    private static LoggedIn moderator;

    /** Which server a row is sent to. */
    enum Target { SINK, KAFKA_UNRESOLVABLE, KAFKA_UNREACHABLE }

    /**
     * One class of bad input: the request, then what must come back. {@code named} is the parameter (for
     * invalid-parameter) or the body fields (comma-separated, for invalid-input, unprocessable, conflict) at fault.
     */
    record Row(String name, Target target, String method, String path, Map<String, String> headers, String body,
            int status, String type, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String groupId = "bad-input-" + UUID.randomUUID();
        TopicSetup.ensureTopics(bootstrap, 3, (short) 1);
        // Topics just created may not be known to every part of the broker yet: retried until they are.
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            GroupOffsets.startAtTheEnd(bootstrap, groupId,
                    List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            return true;
        });
        FreshDatabase db = FreshDatabase.create("bad_input");
        sink = SinkService.start(db.sinkConfig(bootstrap, groupId));
        pool = db.migratedPool();
        ModerationPolicy policy = new ModerationPolicy(Map.of());
        CommentStore store = new CommentStore(pool, policy);
        store.apply(List.of(
                new Change.ArticleUpsert(Samples.article(ARTICLE, "Bad input"), "articles", 0, 0),
                upsert(Samples.comment(ARTICLE, P + "-c1", null, 1)),
                upsert(Samples.moderated(ARTICLE, HELD, null, Samples.T0.plusSeconds(120), Set.of(Flag.DUPLICATE),
                        P + "-c1")),
                upsert(Samples.moderated(ARTICLE, OTHER_HELD, null, Samples.T0.plusSeconds(180), Set.of(Flag.DUPLICATE),
                        P + "-c1"))));
        // Same database, same routes; only the Kafka the decisions go to differs.
        unresolvable = new DecisionPublisher("kafka.invalid:9092", P + "-unresolvable");
        unreachable = new DecisionPublisher("127.0.0.1:1", P + "-unreachable");
        unresolvableKafka = routes(store, policy, unresolvable).start(0);
        unreachableKafka = routes(store, policy, unreachable).start(0);
        moderator = LoggedIn.moderator(sink);

        RawHttp.Response first = post(Target.SINK, """
                {"decisionId":"%s","commentId":"%s","action":"APPROVE","moderator":"Ada"}"""
                .formatted(FIRST_DECISION, HELD));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
    }

    private static Javalin routes(CommentStore store, ModerationPolicy policy, DecisionPublisher publisher) {
        Clock clock = Clock.systemUTC();
        DecisionStore decisions = new DecisionStore(pool);
        return new SinkRoutes(store, decisions, new DecisionIntake(store, decisions, publisher, clock),
                new Auth(pool, AuthConfig.defaults(), clock), policy, List.of("Spam"), () -> HealthReport.of(true, true),
                clock).server();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {unresolvableKafka == null ? null : unresolvableKafka::stop,
                unreachableKafka == null ? null : unreachableKafka::stop, unresolvable, unreachable, sink, pool}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Closing what is left; the test result stands.
                }
            }
        }
    }

    private static Change upsert(ModeratedComment mc) {
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, 0);
    }

    private static int port(Target target) {
        return switch (target) {
            case SINK -> sink.port();
            case KAFKA_UNRESOLVABLE -> unresolvableKafka.port();
            case KAFKA_UNREACHABLE -> unreachableKafka.port();
        };
    }

    private static RawHttp.Response post(Target target, String json) throws Exception {
        return send(target, "POST", "/api/decisions", Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A request as the logged-in moderator's page sends it: session cookie, CSRF token, the server's own Origin. */
    private static RawHttp.Response send(Target target, String method, String path, Map<String, String> headers,
            byte[] body) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("Cookie", moderator.cookie(), Auth.CSRF_HEADER,
                moderator.csrfToken(), "Origin", "http://localhost:" + port(target)));
        all.putAll(headers);
        return RawHttp.send(port(target), method, path, all, body);
    }

    private static Row get(String name, String path, int status, String type, String parameter) {
        return new Row(name, Target.SINK, "GET", path, Map.of(), null, status, type, parameter);
    }

    private static Row decide(String name, String body, int status, String type, String fields) {
        return decide(name, Target.SINK, body, status, type, fields);
    }

    private static Row decide(String name, Target target, String body, int status, String type, String fields) {
        return new Row(name, target, "POST", "/api/decisions", Map.of("Content-Type", "application/json"), body,
                status, type, fields);
    }

    private static String decision(String commentId, String action, String extra) {
        return "{\"commentId\":\"" + commentId + "\",\"action\":\"" + action + "\",\"moderator\":\"Ada\"" + extra + "}";
    }

    private static String cursor(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Row> rows() {
        String tooLong = "x".repeat(201);
        String manyDecisions = IntStream.range(0, DecisionIntake.MAX_DECISIONS_PER_REQUEST + 1)
                .mapToObj(i -> decision(HELD, "APPROVE", "")).collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                // Item 4: parameters that reached Java's or PostgreSQL's limits and answered 500 or 503.
                get("age overflowing an instant", "/api/review-queue?minAge=PT2562047788015215H", 400,
                        "invalid-parameter", "minAge"),
                get("age not ISO-8601", "/api/review-queue?maxAge=1h", 400, "invalid-parameter", "maxAge"),
                get("negative age", "/api/review-queue?minAge=-PT1H", 400, "invalid-parameter", "minAge"),
                get("instant past year 9999", "/api/audit?to=%2B1000000000-12-31T23:59:59Z", 400,
                        "invalid-parameter", "to"),
                get("day before 1970", "/api/audit?from=1969-12-31", 400, "invalid-parameter", "from"),
                get("date that is no date", "/api/audit?from=yesterday", 400, "invalid-parameter", "from"),
                get("range ending before it starts", "/api/audit?from=2020-01-03&to=2020-01-01", 400,
                        "invalid-parameter", "from"),
                get("NUL in the moderator filter", "/api/audit?moderator=Ada%00", 400, "invalid-parameter",
                        "moderator"),
                get("NUL in the commentId filter", "/api/audit?commentId=%00", 400, "invalid-parameter", "commentId"),
                get("ESC in the articleId filter", "/api/audit?articleId=a%1B", 400, "invalid-parameter",
                        "articleId"),
                get("NUL in the queue's articleId filter", "/api/review-queue?articleId=a%00b", 400,
                        "invalid-parameter", "articleId"),
                get("filter longer than any id", "/api/review-queue?articleId=" + tooLong, 400,
                        "invalid-parameter", "articleId"),
                get("control character in a path id", "/api/threads/a%07b", 400, "invalid-parameter", "articleId"),
                get("path id longer than any id", "/api/threads/" + tooLong, 400, "invalid-parameter", "articleId"),
                get("limit overflowing an int", "/api/articles?limit=99999999999", 400, "invalid-parameter", "limit"),
                get("limit zero", "/api/review-queue?limit=0", 400, "invalid-parameter", "limit"),
                get("cursor garbage", "/api/review-queue?after=%21%21not-a-cursor", 400, "invalid-parameter",
                        "after"),
                get("forged cursor with a NUL id", "/api/review-queue?after=" + cursor("1\n2020-01-01T00:00:00Z\n\0"),
                        400, "invalid-parameter", "after"),
                get("forged cursor past PostgreSQL's range",
                        "/api/audit?before=" + cursor("1\n+1000000000-12-31T23:59:59Z\nd-1"), 400,
                        "invalid-parameter", "before"),
                get("unknown flag", "/api/review-queue?flag=SPAM", 400, "invalid-parameter", "flag"),
                get("unknown view", "/api/threads/" + ARTICLE + "?view=everyone", 400, "invalid-parameter", "view"),

                // Decisions that break the rules: 400 naming each field; before any SQL.
                decide("NUL in a decision's commentId", decision("c\\u0000", "APPROVE", ""), 400, "invalid-input",
                        "commentId"),
                decide("control character in a decisionId", decision(HELD, "APPROVE", ",\"decisionId\":\"d\\u0007\""),
                        400, "invalid-input", "decisionId"),
                decide("unknown action", "[" + decision(HELD, "SHRUG", "") + "]", 400, "invalid-input",
                        "[0].action"),
                decide("reason too long", "[" + decision(HELD, "APPROVE", "") + "," + decision(HELD, "REJECT",
                        ",\"reason\":\"" + "r".repeat(1001) + "\"") + "]", 400, "invalid-input", "[1].reason"),
                decide("NUL in a reason", decision(HELD, "REJECT", ",\"reason\":\"spam\\u0000\""), 400,
                        "invalid-input", "reason"),
                decide("field of the wrong type", decision(HELD, "APPROVE", ",\"reason\":{\"a\":1}"), 400,
                        "invalid-input", "reason"),
                decide("not JSON", "{nope", 400, "invalid-input", "body"),
                decide("JSON but not a decision", "42", 400, "invalid-input", "body"),
                decide("an element that is not a decision", "[" + decision(HELD, "APPROVE", "") + ",7]", 400,
                        "invalid-input", "[1]"),
                decide("no decisions", "[]", 400, "invalid-input", "body"),
                decide("too many decisions", manyDecisions, 400, "invalid-input", "body"),
                new Row("wrong media type", Target.SINK, "POST", "/api/decisions", Map.of("Content-Type", "text/plain"),
                        decision(HELD, "APPROVE", ""), 415, "unsupported-media-type", null),
                new Row("body over the size limit", Target.SINK, "POST", "/api/decisions",
                        Map.of("Content-Type", "application/json"), "[" + "\"x\",".repeat(700_000) + "1]", 413,
                        "content-too-large", null),
                // Well-formed, but not fitting what is stored.
                decide("decision about a comment not stored", decision(P + "-c404", "APPROVE", ""), 422,
                        "unprocessable", "commentId"),
                // Item 3: one id, two decisions.
                decide("decisionId reused for another decision",
                        decision(OTHER_HELD, "REJECT", ",\"reason\":\"Spam\",\"decisionId\":\"" + FIRST_DECISION + "\""),
                        409, "conflict", "decisionId"),
                decide("one decisionId twice in a request for different decisions",
                        "[" + decision(HELD, "APPROVE", ",\"decisionId\":\"" + P + "-twice\"") + ","
                                + decision(OTHER_HELD, "APPROVE", ",\"decisionId\":\"" + P + "-twice\"") + "]",
                        409, "conflict", "[0].decisionId,[1].decisionId"),
                // Item 5: a Kafka that cannot be reached is a 503, also at the first decision.
                decide("Kafka address that does not resolve", Target.KAFKA_UNRESOLVABLE,
                        decision(HELD, "APPROVE", ""), 503, "unavailable", null),
                decide("Kafka that does not answer", Target.KAFKA_UNREACHABLE, decision(HELD, "APPROVE", ""), 503,
                        "unavailable", null),

                // What Javalin and Jetty refuse before any route: the same format.
                new Row("wrong method on a route", Target.SINK, "DELETE", "/api/decisions", Map.of(), null, 405,
                        "method-not-allowed", null),
                new Row("write method on a read route", Target.SINK, "PUT", "/api/review-queue", Map.of(), "", 405,
                        "method-not-allowed", null),
                get("unknown route", "/api/nowhere", 404, "not-found", null),
                get("malformed percent-encoding", "/api/threads/%ZZ", 400, "bad-request", null),
                get("encoded path traversal", "/..%2f..%2fetc%2fpasswd", 400, "bad-request", null),
                new Row("100 KB header", Target.SINK, "GET", "/api/review-queue", Map.of("X-Padding", "p".repeat(100_000)),
                        null, 431, "headers-too-large", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsRefusedAsAProblemNamingWhatIsWrong(Row row) throws Exception {
        RawHttp.Response response = send(row.target(), row.method(), row.path(), row.headers(),
                row.body() == null ? null : row.body().getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(row.status());
        assertThat(response.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:threadguard:problem:" + row.type());
        assertThat(problem.path("status").asInt()).isEqualTo(row.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        String detail = problem.path("detail").asText();
        assertThat(detail).isNotBlank();
        assertThat(INTERNALS.matcher(response.body()).find()).as("internals in " + response.body()).isFalse();
        if (row.type().equals("invalid-parameter")) {
            assertThat(problem.path("parameter").asText()).isEqualTo(row.named());
            assertThat(detail).contains(row.named());
        } else if (row.named() != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder(row.named().split(","));
        }
        if (row.status() == 405) {
            assertThat(response.header("Allow")).isNotBlank().doesNotContain(row.method());
        }
        if (row.status() == 503) {
            assertThat(response.header("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void aResendIsAnIdempotent202AndAConflictingReuseIsNeverApplied() throws Exception {
        String original = """
                {"decisionId":"%s","commentId":"%s","action":"APPROVE","moderator":"Ada"}""".formatted(FIRST_DECISION, HELD);
        RawHttp.Response again = post(Target.SINK, original);
        assertThat(again.status()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(again.body()).at("/decisions/0/action").asText()).isEqualTo("APPROVE");

        // Once stored, the id is found in the database by any instance: here one whose Kafka cannot be reached, so
        // a resend it tried to publish again would be a 503.
        await().atMost(WAIT).until(() -> audit(FIRST_DECISION).size() == 1);
        assertThat(post(Target.KAFKA_UNRESOLVABLE, original).status()).isEqualTo(202);
        RawHttp.Response conflict = post(Target.KAFKA_UNRESOLVABLE, """
                {"decisionId":"%s","commentId":"%s","action":"REJECT","reason":"Spam","moderator":"Ada"}"""
                .formatted(FIRST_DECISION, HELD));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(Json.MAPPER.readTree(conflict.body()).at("/errors/0/message").asText())
                .contains(FIRST_DECISION, "APPROVE");

        // A decision sent after the conflicting one is applied; the conflicting one never was.
        String later = P + "-d-later";
        assertThat(post(Target.SINK, """
                {"decisionId":"%s","commentId":"%s","action":"APPROVE","moderator":"Bob"}""".formatted(later, OTHER_HELD))
                .status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> audit(later).size() == 1);
        assertThat(audit(FIRST_DECISION)).singleElement().satisfies(e -> {
            assertThat(e.path("commentId").asText()).isEqualTo(HELD);
            assertThat(e.path("action").asText()).isEqualTo("APPROVE");
        });
        JsonNode otherAudit = Json.MAPPER.readTree(send(Target.SINK, "GET",
                "/api/audit?commentId=" + OTHER_HELD, Map.of(), null).body()).path("entries");
        assertThat(otherAudit).hasSize(1);
        assertThat(otherAudit.get(0).path("decisionId").asText()).isEqualTo(later);
    }

    private static List<JsonNode> audit(String decisionId) throws Exception {
        JsonNode entries = Json.MAPPER.readTree(send(Target.SINK, "GET", "/api/audit?articleId=" + ARTICLE
                + "&limit=500", Map.of(), null).body()).path("entries");
        List<JsonNode> out = new ArrayList<>();
        entries.forEach(e -> {
            if (e.path("decisionId").asText().equals(decisionId)) {
                out.add(e);
            }
        });
        return out;
    }
}
