package dev.threadguard.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.store.Change;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final long RECORD_TIME = Instant.parse("2024-01-02T03:04:05Z").toEpochMilli();

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 2, 42L, RECORD_TIME, TimestampType.CREATE_TIME, -1, -1, key, value,
                new RecordHeaders(), Optional.empty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnArticle() {
        Change change = RecordDecoder.decode(record("articles", "a-1", Json.write(Samples.article("a-1", "Title"))));

        assertThat(change).isInstanceOfSatisfying(Change.ArticleUpsert.class, up -> {
            assertThat(up.article()).isEqualTo(Samples.article("a-1", "Title"));
            assertThat(up.partition()).isEqualTo(2);
            assertThat(up.offset()).isEqualTo(42L);
        });
    }

    @Test
    void anArticleTombstoneDeletesByKey() {
        assertThat(RecordDecoder.decode(record("articles", "a-1", null)))
                .isEqualTo(new Change.ArticleDeletion("a-1", "articles", 2, 42L));
        assertThatThrownBy(() -> RecordDecoder.decode(record("articles", null, null)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("key");
    }

    /** One range for every instant (contract TimeRange): a record outside it is a dead letter, never a database error. */
    @Test
    void instantsOutsideTheValidRangeArePoison() {
        ModeratedComment mc = Samples.comment("a-1", "c-1", null, 3);
        String farFuture = new String(Json.write(mc), StandardCharsets.UTF_8)
                .replace("\"postedAt\":\"" + mc.comment().postedAt() + "\"", "\"postedAt\":\"+300000-01-01T00:00:00Z\"");
        assertThat(farFuture).contains("+300000");
        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", utf8(farFuture))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("postedAt");

        Decision decision = new Decision("d-1", "c-1", "a-1", DecisionAction.APPROVE, null, "Ada",
                Instant.parse("-5000-01-01T00:00:00Z"));
        assertThatThrownBy(() -> RecordDecoder.decode(record("moderation.decisions", "c-1", Json.write(decision))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("decidedAt");
    }

    /**
     * A verdict produced by hand (not by moderation) whose judgedAt the database could store but the contract's range
     * refuses: a dead letter, not a stored comment.
     */
    @Test
    void aVerdictJudgedOutsideTheValidRangeIsPoison() {
        ModeratedComment mc = Samples.comment("a-1", "c-1", null, 3);
        for (Instant judgedAt : List.of(Instant.now().plus(java.time.Duration.ofDays(30)),
                Instant.parse("1960-01-01T00:00:00Z"))) {
            Verdict v = mc.verdict();
            ModeratedComment handMade = new ModeratedComment(mc.comment(), new Verdict(v.commentId(), v.articleId(),
                    v.flags(), v.duplicateOf(), v.scores(), v.reasons(), v.detectorVersion(), judgedAt));

            assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", Json.write(handMade))))
                    .as("judgedAt %s", judgedAt)
                    .isInstanceOf(PoisonRecordException.class).hasMessageContaining("verdict.judgedAt");
        }
    }

    @Test
    void readsAModeratedComment() {
        ModeratedComment mc = Samples.comment("a-1", "c-1", null, 3);

        Change change = RecordDecoder.decode(record("comments.moderated", "a-1", Json.write(mc)));

        assertThat(change).isEqualTo(new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 2, 42L));
    }

    @Test
    void aCommentWithoutPostingTimeTakesTheRecordTime() {
        ModeratedComment mc = Samples.comment("a-1", "c-1", null, 3);
        ModeratedComment undated = new ModeratedComment(mc.comment().withPostedAt(null), mc.verdict());

        Change change = RecordDecoder.decode(record("comments.moderated", "a-1", Json.write(undated)));

        assertThat(((Change.CommentUpsert) change).postedAt()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    }

    @Test
    void notJsonIsPoison() {
        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", utf8("not json"))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RecordDecoder.decode(record("articles", "a-1", utf8("{\"articleId\":"))))
                .isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void anInvalidArticleIsPoisonNamingTheField() {
        String noTitle = "{\"articleId\":\"a-1\",\"body\":\"text\"}";

        assertThatThrownBy(() -> RecordDecoder.decode(record("articles", "a-1", utf8(noTitle))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("title");
    }

    @Test
    void theCommentInsideAModeratedCommentIsValidated() {
        Comment blankBody = new Comment("c-1", "a-1", null, null, null, " ", Samples.T0);
        ModeratedComment mc = new ModeratedComment(blankBody, Samples.comment("a-1", "c-1", null, 0).verdict());

        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", Json.write(mc))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("comment.body");
    }

    @Test
    void missingPartsAndMismatchedIdsArePoison() {
        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", utf8("{}"))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("comment: is required")
                .hasMessageContaining("verdict: is required");

        ModeratedComment mc = Samples.comment("a-1", "c-1", null, 0);
        Verdict other = new Verdict("c-9", "a-9", Set.of(), null, Map.of(), List.of(), "v", null);
        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1",
                Json.write(new ModeratedComment(mc.comment(), other)))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("verdict.commentId")
                .hasMessageContaining("verdict.articleId");
    }

    @Test
    void aModeratedTombstoneAndForeignTopicsArePoison() {
        assertThatThrownBy(() -> RecordDecoder.decode(record("comments.moderated", "a-1", null)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> RecordDecoder.decode(record("elsewhere", "a-1", utf8("{}"))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("elsewhere");
    }

    @Test
    void readsADecisionKeyedByItsComment() {
        Decision d = new Decision("d-1", "c-1", "a-1", DecisionAction.REJECT, "Spam", "Ada", Instant.EPOCH);

        Change change = RecordDecoder.decode(record("moderation.decisions", "c-1", Json.write(d)));

        assertThat(change).isInstanceOfSatisfying(Change.DecisionTaken.class, taken -> {
            assertThat(taken.decision()).isEqualTo(d);
            assertThat(taken.offset()).isEqualTo(42L);
        });
    }

    @Test
    void aDecisionThatBreaksTheRulesOrIsKeyedOtherwiseIsPoison() {
        Decision noReason = new Decision("d-1", "c-1", "a-1", DecisionAction.REJECT, null, "Ada", Instant.EPOCH);
        Decision fine = new Decision("d-2", "c-1", "a-1", DecisionAction.APPROVE, null, "Ada", Instant.EPOCH);

        assertThatThrownBy(() -> RecordDecoder.decode(record("moderation.decisions", "c-1", Json.write(noReason))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> RecordDecoder.decode(record("moderation.decisions", "a-1", Json.write(fine))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("keyed by its commentId c-1");
        assertThatThrownBy(() -> RecordDecoder.decode(record("moderation.decisions", "c-1", null)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("tombstone");
    }
}
