package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's input rules: one time range for every instant, strict instants, the characters text may hold. */
class InputRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

    private static String comment(String postedAtJson) {
        return "{\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"hi\",\"postedAt\":" + postedAtJson + "}";
    }

    private static Violation onlyViolation(String json, Class<?> type) {
        try {
            Json.read(json, type, RANGE);
        } catch (InvalidEventException e) {
            assertThat(e.violations()).hasSize(1);
            return e.violations().get(0);
        }
        throw new AssertionError("accepted: " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "0", "1700000000", "-1", "true", "{}", "[]", "\"1700000000\"", "\"yesterday\"",
            "\"2026-03-01 12:00:00\"", "\"2026-03-01T12:00:00\""})
    void anInstantIsAnIsoStringAndNothingElse(String postedAt) {
        Violation v = onlyViolation(comment(postedAt), Comment.class);
        assertThat(v.field()).isEqualTo("postedAt");
        assertThat(v.message()).startsWith("must be an ISO-8601 instant string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"+300000-01-01T00:00:00Z\"", "\"+280000-01-01T00:00:00Z\"", "\"-5000-01-01T00:00:00Z\"",
            "\"1969-12-31T23:59:59.999Z\"", "\"2026-03-01T13:00:00.001Z\"", "\"2026-03-01T14:00:01+01:00\""})
    void anInstantOutsideTheRangeIsRefusedNamingItsField(String postedAt) {
        Violation v = onlyViolation(comment(postedAt), Comment.class);
        assertThat(v.field()).isEqualTo("postedAt");
        assertThat(v.message()).containsAnyOf("must not be before 1970-01-01T00:00:00Z",
                "must not be later than now plus PT1H (2026-03-01T13:00:00Z)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1970-01-01T00:00:00Z\"", "\"2026-03-01T13:00:00Z\"", "\"2026-03-01T14:00:00+01:00\"",
            "\"2013-12-17T10:02:00.123456789Z\"", "null"})
    void theEndsOfTheRangeAndOffsetsAreAccepted(String postedAt) {
        assertThat(Json.read(comment(postedAt), Comment.class, RANGE).commentId()).isEqualTo("c-1");
    }

    @Test
    void everyInstantOfEveryRecordFollowsTheSameRange() {
        Article article = new Article("a-1", "t", "b", null, Instant.parse("-5000-01-01T00:00:00Z"), List.of());
        assertThat(EventValidator.validate(article, RANGE)).extracting(Violation::field).containsExactly("publishedAt");

        Decision decision = new Decision("d-1", "c-1", "a-1", DecisionAction.APPROVE, null, "Ada",
                Instant.parse("+300000-01-01T00:00:00Z"));
        assertThat(decision.violations(RANGE)).extracting(Violation::field).containsExactly("decidedAt");

        Verdict verdict = new Verdict("c-1", "a-1", null, null, null, null, "v", NOW.plus(Duration.ofDays(2)));
        ModeratedComment moderated = new ModeratedComment(
                new Comment("c-1", "a-1", null, null, null, "b", Instant.parse("1960-01-01T00:00:00Z")), verdict);
        assertThat(EventValidator.validateModerated(moderated, RANGE)).extracting(Violation::field)
                .containsExactly("comment.postedAt", "verdict.judgedAt");
    }

    @Test
    void recordsReadFromKafkaAreRefusedByTheirDeserializer() {
        byte[] bytes = comment("\"+300000-01-01T00:00:00Z\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.COMMENTS_SUBMITTED.valueSerde().deserializer().deserialize("t", bytes))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("postedAt"));
    }

    @Test
    void readersAllowTheConfiguredSkewPlusATolerance() {
        assertThat(TimeRange.forRecords().maxClockSkew())
                .isEqualTo(dev.threadguard.config.Settings.EVENT_MAX_CLOCK_SKEW.defaultValue().plus(TimeRange.READ_TOLERANCE));
    }

    @Test
    void unpairedSurrogatesAreRefusedInEveryText() {
        Comment c = new Comment("c-\uD800", "a-1", null, "x\uDC00y", "t\uD83D", "body \uDE00", null);
        assertThat(EventValidator.validate(c, RANGE))
                .extracting(Violation::field).containsExactly("commentId", "author", "title", "body");
        assertThat(EventValidator.validate(c, RANGE))
                .allSatisfy(v -> assertThat(v.message()).startsWith("is not valid UTF-16/Unicode: unpaired surrogate"));
        // A pair is a character like any other.
        assertThat(EventValidator.validate(new Comment("c-1", "a-1", null, "\uD83D\uDE00", null, "ok \uD83D\uDE00", null),
                RANGE)).isEmpty();
        // As JSON escapes, as a client would send them.
        assertThat(onlyViolation("{\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"\\ud800 hi\"}", Comment.class)
                .field()).isEqualTo("body");
    }

    @Test
    void controlCharactersAreRefusedInNamesTitlesAndIdsButLineBreaksAndTabsAreFineInBodies() {
        Comment named = new Comment("c-1", "a-1", null, "Ada\u0007", "Title\u001B[31m", "line one\nline two\r\n\tend",
                null);
        assertThat(EventValidator.validate(named, RANGE)).extracting(Violation::field).containsExactly("author", "title");
        assertThat(EventValidator.validate(named, RANGE).get(0).message()).contains("U+0007");

        Comment tabbedTitle = new Comment("c-1", "a-1", null, null, "a\ttitle", "b", null);
        assertThat(EventValidator.validate(tabbedTitle, RANGE)).extracting(Violation::field).containsExactly("title");

        Comment belInBody = new Comment("c-1", "a-1", null, null, null, "ring \u0007 ring", null);
        assertThat(EventValidator.validate(belInBody, RANGE)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("other than tab and line breaks"));

        Article article = new Article("a-1", "Title\u0085", "body", "https://x/\u0000", null, List.of("ok", "t\u001B"));
        assertThat(EventValidator.validate(article, RANGE)).extracting(Violation::field)
                .containsExactly("title", "url", "tags[1]");
    }

    @Test
    void decisionsFollowTheSameRulesAsModeratorNamesAlwaysDid() {
        Decision d = new Decision("d-\u0000", "c-1", "a-1", DecisionAction.REJECT, "Spam\n\u0007", "Ada\uD800", NOW);
        assertThat(d.violations(RANGE)).extracting(Violation::field).containsExactly("decisionId", "moderator", "reason");
        Decision multiline = new Decision("d-1", "c-1", "a-1", DecisionAction.REJECT, "Spam:\n\tlinks", "Ada", NOW);
        assertThat(multiline.violations(RANGE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"commentId\":{},\"articleId\":\"a\",\"body\":\"b\"}",
            "{\"commentId\":\"c\",\"articleId\":[1],\"body\":\"b\"}", "[{\"commentId\":\"c\"}]", "\"text\"", "42",
            "{\"type\":\"article\",\"articleId\":\"a\",\"title\":\"t\",\"body\":\"b\"}",
            "{\"type\":\"poll\",\"commentId\":\"c\",\"articleId\":\"a\",\"body\":\"b\"}",
            "{\"commentId\":\"c\",\"articleId\":\"a\",\"body\":\"b\"} {}", "{\"commentId\":\"c\",", "",
            "{\"commentId\":\"c\",\"articleId\":\"a\",\"body\":\"b\",\"postedAt\":{\"epochSecond\":1}}"})
    void messagesAboutTheWrongShapeSpeakJsonNotJava(String json) {
        assertThatThrownBy(() -> Json.read(json, Comment.class, RANGE))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .allSatisfy(v -> assertThat(v.toString()).doesNotContain("`", "java.", "dev.threadguard",
                                "com.fasterxml", "Exception")));
    }

    @Test
    void aWrongTypeIdIsNamedAsTheTypeField() {
        Violation v = onlyViolation("{\"type\":\"poll\",\"commentId\":\"c\",\"articleId\":\"a\",\"body\":\"b\"}",
                Event.class);
        assertThat(v).isEqualTo(new Violation("type", "'poll' is not accepted here; expected article or comment"));
    }
}
