package dev.threadguard.ingest.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Violation;
import java.nio.charset.StandardCharsets;
import dev.threadguard.contract.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionsTest {
    private static final Instant ARRIVAL = Instant.parse("2024-05-01T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(Clock.fixed(ARRIVAL, ZoneOffset.UTC), Duration.ofHours(1));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String comment(String id, String body) {
        return "{\"commentId\":\"" + id + "\",\"articleId\":\"a-1\",\"body\":\"" + body + "\"}";
    }

    private static List<Violation> violations(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidEventException e) {
            return e.violations();
        }
        throw new AssertionError("expected InvalidEventException");
    }

    @Test
    void articleWithoutTypeIsRead() {
        Article a = Submissions.article(utf8("{\"articleId\":\"a-1\",\"title\":\"T\",\"body\":\"B\",\"tags\":[\"x\"]}"), RANGE);
        assertThat(a.articleId()).isEqualTo("a-1");
        assertThat(a.tags()).containsExactly("x");
    }

    @Test
    void articleMissingTitleNamesTheField() {
        assertThat(violations(() -> Submissions.article(utf8("{\"articleId\":\"a-1\",\"body\":\"B\"}"), RANGE)))
                .extracting(Violation::field).containsExactly("title");
    }

    @Test
    void commentWithoutPostedAtGetsTheArrivalTime() {
        Comment c = Submissions.comment(utf8(comment("c-1", "hello")), RANGE);
        assertThat(c.postedAt()).isEqualTo(ARRIVAL);
    }

    @Test
    void commentKeepsItsOwnPostedAt() {
        String json = "{\"type\":\"comment\",\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"x\",\"postedAt\":\"2013-12-17T10:02:00Z\"}";
        assertThat(Submissions.comment(utf8(json), RANGE).postedAt()).isEqualTo(Instant.parse("2013-12-17T10:02:00Z"));
    }

    @Test
    void malformedCommentIsRejected() {
        assertThat(violations(() -> Submissions.comment(utf8("{\"commentId\":"), RANGE)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("not valid JSON"));
    }

    @Test
    void jsonArrayBatchIsReadInOrder() {
        String body = "[" + comment("c-1", "one") + "," + comment("c-2", "two") + "]";
        List<Comment> comments = Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10).comments();
        assertThat(comments).extracting(Comment::commentId).containsExactly("c-1", "c-2");
        assertThat(comments).extracting(Comment::postedAt).containsOnly(ARRIVAL);
    }

    @Test
    void jsonLinesBatchSkipsBlankLinesAndCarriageReturns() {
        String body = comment("c-1", "one") + "\r\n\r\n" + comment("c-2", "two") + "\n" + comment("c-3", "three") + "\n";
        List<Comment> comments = Submissions.commentBatch(utf8(body), BodyFormat.JSON_LINES, RANGE, 10).comments();
        assertThat(comments).extracting(Comment::commentId).containsExactly("c-1", "c-2", "c-3");
    }

    @Test
    void everyBadArrayItemIsNamedByIndex() {
        String body = "[" + comment("c-1", "ok") + ","
                + "{\"commentId\":\"c-2\",\"articleId\":\"a-1\"},"
                + comment("c-3", "ok") + ","
                + "{\"articleId\":\"a-1\",\"body\":\"x\",\"parentId\":\"\"},"
                + "42]";
        List<Violation> violations = violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10));
        assertThat(violations).extracting(Violation::field)
                .containsExactly("[1].body", "[3].commentId", "[3].parentId", "[4]");
    }

    @Test
    void badJsonLinesNameIndexAndLineNumber() {
        String body = comment("c-1", "ok") + "\n\n" + "{\"commentId\":\"c-2\",\"articleId\":\"a-1\"}" + "\n" + "{oops\n";
        List<Violation> violations = violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON_LINES, RANGE, 10));
        assertThat(violations).hasSize(2);
        assertThat(violations.get(0).field()).isEqualTo("[1].body");
        assertThat(violations.get(0).message()).startsWith("line 3: ");
        assertThat(violations.get(1).field()).isEqualTo("[2]");
        assertThat(violations.get(1).message()).startsWith("line 4: ").contains("not valid JSON");
    }

    @Test
    void nestedFieldPathsKeepTheirBrackets() {
        String body = "[{\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"x\",\"postedAt\":\"yesterday\"}]";
        assertThat(violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10)))
                .extracting(Violation::field).containsExactly("[0].postedAt");
    }

    @Test
    void objectInsteadOfArrayIsRejectedWithAHint() {
        assertThat(violations(() -> Submissions.commentBatch(utf8(comment("c-1", "x")), BodyFormat.JSON, RANGE, 10)))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("$");
                    assertThat(v.message()).contains("JSON array").contains("application/x-ndjson");
                });
    }

    @Test
    void arrayOfJsonLinesIsNotValidJson() {
        String body = comment("c-1", "x") + "\n" + comment("c-2", "y");
        assertThat(violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10)))
                .singleElement().extracting(Violation::field).isEqualTo("$");
    }

    @Test
    void emptyBatchIsRejected() {
        assertThat(violations(() -> Submissions.commentBatch(utf8("[]"), BodyFormat.JSON, RANGE, 10)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("empty"));
        assertThat(violations(() -> Submissions.commentBatch(utf8("\n \n"), BodyFormat.JSON_LINES, RANGE, 10)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("empty"));
    }

    @Test
    void batchOverTheItemLimitIsTooLarge() {
        String body = comment("c-1", "a") + "\n" + comment("c-2", "b") + "\n" + comment("c-3", "c");
        assertThatThrownBy(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON_LINES, RANGE, 2))
                .isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("at most 2").hasMessageContaining("got 3");
        assertThat(Submissions.commentBatch(utf8(body), BodyFormat.JSON_LINES, RANGE, 3).comments()).hasSize(3);
    }

    @Test
    void anIdTwiceWithTheSameContentIsKeptOnceAndReported() {
        String same = comment("c-1", "one");
        String body = same + "\n" + comment("c-2", "two") + "\n" + same;
        Submissions.Batch batch = Submissions.commentBatch(utf8(body), BodyFormat.JSON_LINES, RANGE, 10);
        assertThat(batch.comments()).extracting(Comment::commentId).containsExactly("c-1", "c-2");
        assertThat(batch.repeated()).containsExactly("c-1");
    }

    @Test
    void anIdTwiceWithOtherContentNamesBothPlaces() {
        String body = "[" + comment("c-1", "one") + "," + comment("c-2", "two") + "," + comment("c-1", "changed") + "]";
        assertThat(violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10)))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("[2].commentId");
                    assertThat(v.message()).contains("'c-1'").contains("[0]");
                });
    }

    @Test
    void instantsOutsideTheRangeAreRefusedEvenInABatch() {
        String body = "[{\"commentId\":\"c-1\",\"articleId\":\"a-1\",\"body\":\"x\",\"postedAt\":\"2024-05-01T13:00:01Z\"}]";
        assertThat(violations(() -> Submissions.commentBatch(utf8(body), BodyFormat.JSON, RANGE, 10)))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("[0].postedAt"));
    }
}
