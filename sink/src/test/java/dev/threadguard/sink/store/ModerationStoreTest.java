package dev.threadguard.sink.store;

import static dev.threadguard.sink.Samples.T0;
import static dev.threadguard.sink.Samples.article;
import static dev.threadguard.sink.Samples.comment;
import static dev.threadguard.sink.Samples.moderated;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.policy.FlagPolicy;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statuses, decisions, audit and labels against a real PostgreSQL (decisions applied as the consumer would). */
class ModerationStoreTest {
    private static final ModerationPolicy DEFAULTS = new ModerationPolicy(Map.of());
    private static HikariDataSource pool;
    private CommentStore store;
    private DecisionStore decisions;
    private long offset;

    @BeforeAll
    static void database() {
        pool = FreshDatabase.create("sink_moderation").migratedPool();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void cleanTables() {
        FreshDatabase.truncateAll(pool);
        store = new CommentStore(pool, DEFAULTS);
        decisions = new DecisionStore(pool);
    }

    private Change verdict(ModeratedComment mc) {
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, offset++);
    }

    private Change decision(String id, String commentId, DecisionAction action, String reason, String moderator) {
        Decision d = new Decision(id, commentId, "a-1", action, reason, moderator, T0.plusSeconds(3600 + offset));
        return new Change.DecisionTaken(d, "moderation.decisions", 0, offset++);
    }

    private StoredComment stored(String commentId) {
        return store.thread("a-1").stream().filter(c -> c.commentId().equals(commentId)).findFirst().orElseThrow();
    }

    private static ModeratedComment flagged(String id, Flag... flags) {
        return moderated("a-1", id, null, T0.plusSeconds(id.hashCode() % 100 + 100), Set.of(flags), null);
    }

    private List<String> queue() {
        return store.reviewQueue(QueueFilter.ALL, null, 100).items().stream().map(ReviewItem::commentId).toList();
    }

    @Test
    void theDefaultPolicyHoldsDuplicatesAndSupportRequestsAndPublishesOffTopicComments() {
        store.apply(List.of(verdict(comment("a-1", "c-ok", null, 1)), verdict(flagged("c-dup", Flag.DUPLICATE)),
                verdict(flagged("c-off", Flag.OFF_TOPIC)), verdict(flagged("c-sup", Flag.SUPPORT_REQUEST))));

        assertThat(stored("c-ok").status()).isEqualTo("PUBLISHED");
        assertThat(stored("c-dup").status()).isEqualTo("HELD");
        assertThat(stored("c-off").status()).isEqualTo("PUBLISHED");
        assertThat(stored("c-sup").status()).isEqualTo("HELD");
        assertThat(stored("c-sup").teams()).containsExactly("support");
        assertThat(queue()).containsExactlyInAnyOrder("c-dup", "c-off", "c-sup");
    }

    @Test
    void anApprovalSurvivesAReplayOfTheSameVerdictAndIsAudited() {
        ModeratedComment dup = flagged("c-1", Flag.DUPLICATE);
        store.apply(List.of(verdict(dup)));

        store.apply(List.of(decision("d-1", "c-1", DecisionAction.APPROVE, null, "Ada")));
        store.apply(List.of(verdict(dup), verdict(dup)));

        assertThat(stored("c-1").status()).isEqualTo("APPROVED");
        assertThat(queue()).isEmpty();
        List<AuditEntry> audit = decisions.audit(AuditFilter.ALL, null, 10).entries();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.decisionId()).isEqualTo("d-1");
            assertThat(e.moderator()).isEqualTo("Ada");
            assertThat(e.action()).isEqualTo("APPROVE");
            assertThat(e.fromStatus()).isEqualTo("HELD");
            assertThat(e.toStatus()).isEqualTo("APPROVED");
            assertThat(e.articleId()).isEqualTo("a-1");
        });
    }

    @Test
    void aDecisionReadTwiceIsAppliedOnceAndTheLatestDecisionWins() {
        store.apply(List.of(verdict(flagged("c-1", Flag.DUPLICATE))));

        store.apply(List.of(decision("d-1", "c-1", DecisionAction.REJECT, "Spam", "Ada"),
                decision("d-2", "c-1", DecisionAction.APPROVE, null, "Bob")));
        store.apply(List.of(decision("d-1", "c-1", DecisionAction.REJECT, "Spam", "Ada")));

        assertThat(stored("c-1").status()).isEqualTo("APPROVED");
        assertThat(decisions.audit(AuditFilter.ALL, null, 10).entries())
                .extracting(AuditEntry::decisionId, AuditEntry::fromStatus, AuditEntry::toStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d-2", "REJECTED", "APPROVED"),
                        org.assertj.core.groups.Tuple.tuple("d-1", "HELD", "REJECTED"));
    }

    @Test
    void aDecisionAboutACommentNotStoredYetWaitsForIt() {
        store.apply(List.of(decision("d-1", "c-late", DecisionAction.REJECT, "Rude", "Ada")));
        assertThat(decisions.audit(AuditFilter.ALL, null, 10).entries()).isEmpty();

        store.apply(List.of(verdict(flagged("c-late", Flag.OFF_TOPIC))));

        StoredComment c = stored("c-late");
        assertThat(c.status()).isEqualTo("REJECTED");
        assertThat(c.decisionReason()).isEqualTo("Rude");
        assertThat(decisions.audit(AuditFilter.ALL, null, 10).entries())
                .extracting(AuditEntry::fromStatus, AuditEntry::toStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PUBLISHED", "REJECTED"));
    }

    @Test
    void aCorrectionDismissesItsFlagReleasesTheCommentAndBecomesALabel() {
        ModeratedComment dup = moderated("a-1", "c-2", null, T0, Set.of(Flag.DUPLICATE, Flag.OFF_TOPIC), "c-1");
        store.apply(List.of(verdict(dup)));

        store.apply(List.of(decision("d-1", "c-2", DecisionAction.NOT_DUPLICATE, null, "Ada")));

        StoredComment c = stored("c-2");
        assertThat(c.status()).isEqualTo("PUBLISHED");
        assertThat(c.dismissedFlags()).containsExactly("DUPLICATE");
        assertThat(c.queueFlags()).containsExactly("OFF_TOPIC");
        assertThat(queue()).containsExactly("c-2");
        List<Label> labels = new ArrayList<>();
        decisions.labels(labels::add);
        assertThat(labels).singleElement().satisfies(l -> {
            assertThat(l.commentId()).isEqualTo("c-2");
            assertThat(l.flags()).containsExactly("OFF_TOPIC");
            assertThat(l.duplicateOf()).isNull();
            assertThat(l.corrected()).containsExactly("DUPLICATE");
            assertThat(l.labelledBy()).isEqualTo("Ada");
        });

        store.apply(List.of(decision("d-2", "c-2", DecisionAction.NOT_OFF_TOPIC, null, "Bob")));
        assertThat(queue()).isEmpty();
        labels.clear();
        decisions.labels(labels::add);
        assertThat(labels).singleElement().satisfies(l -> {
            assertThat(l.flags()).isEmpty();
            assertThat(l.corrected()).containsExactly("DUPLICATE", "OFF_TOPIC");
        });
    }

    @Test
    void logOnlyFlagsAreCountedButNotQueued() {
        store = new CommentStore(pool, new ModerationPolicy(Map.of(Flag.OFF_TOPIC, FlagPolicy.LOG_ONLY)));
        store.apply(List.of(verdict(flagged("c-1", Flag.OFF_TOPIC)), verdict(flagged("c-2", Flag.DUPLICATE))));

        assertThat(queue()).containsExactly("c-2");
        assertThat(stored("c-1").status()).isEqualTo("PUBLISHED");
        Summary summary = store.summary();
        assertThat(summary.raised()).containsEntry("OFF_TOPIC", 1L).containsEntry("DUPLICATE", 1L);
        assertThat(summary.queuedByFlag()).containsEntry("OFF_TOPIC", 0L).containsEntry("DUPLICATE", 1L);
        assertThat(summary.queued()).isEqualTo(1);
        assertThat(summary.byStatus()).containsEntry("PUBLISHED", 1L).containsEntry("HELD", 1L);
    }

    @Test
    void aChangedPolicyAppliesToStoredCommentsAtOnceButNotToDecidedOnes() {
        store.apply(List.of(verdict(flagged("c-1", Flag.OFF_TOPIC)), verdict(flagged("c-2", Flag.OFF_TOPIC)),
                decision("d-1", "c-2", DecisionAction.APPROVE, null, "Ada")));

        assertThat(stored("c-1").status()).isEqualTo("PUBLISHED");

        // A sink started with another policy: no pass over the comments, the statuses follow from it.
        new CommentStore(pool, new ModerationPolicy(Map.of(Flag.OFF_TOPIC, FlagPolicy.HOLD)));

        assertThat(stored("c-1").status()).isEqualTo("HELD");
        assertThat(stored("c-2").status()).isEqualTo("APPROVED");
    }

    @Test
    void aParentInAnotherArticleIsNotShownAsTheContextOfAReply() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        store.apply(List.of(verdict(moderated("a-1", "c-1", null, now.minusSeconds(7200), Set.of(), null)),
                verdict(moderated("a-2", "c-9", "c-1", now.minusSeconds(60), Set.of(Flag.OFF_TOPIC), null))));

        ReviewItem item = store.reviewQueue(new QueueFilter(null, "a-2", null, null), null, 10).items().get(0);
        assertThat(item.parentId()).isEqualTo("c-1");
        assertThat(item.parent()).isNull();
    }

    @Test
    void theQueueFiltersByArticleAndAgeAndShowsParentAndOriginal() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        store.apply(List.of(new Change.ArticleUpsert(article("a-1", "Skype on Azure"), "articles", 0, 0),
                verdict(moderated("a-1", "c-1", null, now.minusSeconds(7200), Set.of(), null)),
                verdict(moderated("a-1", "c-2", "c-1", now.minusSeconds(3600), Set.of(Flag.DUPLICATE), "c-1")),
                verdict(moderated("a-2", "c-3", null, now.minusSeconds(60), Set.of(Flag.OFF_TOPIC), null))));

        ReviewItem item = store.reviewQueue(new QueueFilter(null, "a-1", null, null), null, 10).items().get(0);
        assertThat(item.commentId()).isEqualTo("c-2");
        assertThat(item.parent().commentId()).isEqualTo("c-1");
        assertThat(item.original().body()).isEqualTo("text of c-1");
        assertThat(item.original().status()).isEqualTo("PUBLISHED");
        assertThat(item.status()).isEqualTo("HELD");
        assertThat(store.reviewQueue(new QueueFilter(null, null, now.minusSeconds(600), null), null, 10).items())
                .extracting(ReviewItem::commentId).containsExactly("c-2");
        ReviewPage recent = store.reviewQueue(new QueueFilter(null, null, null, now.minusSeconds(600)), null, 10);
        assertThat(recent.items()).extracting(ReviewItem::commentId).containsExactly("c-3");
        assertThat(recent.total()).isEqualTo(1);
        assertThat(store.articles(10)).singleElement()
                .isEqualTo(new ArticleSummary("a-1", "Skype on Azure", 2, 1));
    }

    @Test
    void theAuditFiltersAndPagesNewestFirst() {
        store.apply(List.of(verdict(flagged("c-1", Flag.DUPLICATE)), verdict(flagged("c-2", Flag.DUPLICATE)),
                verdict(flagged("c-3", Flag.DUPLICATE))));
        store.apply(List.of(decision("d-1", "c-1", DecisionAction.APPROVE, null, "Ada"),
                decision("d-2", "c-2", DecisionAction.REJECT, "Spam", "Bob"),
                decision("d-3", "c-3", DecisionAction.REJECT, "Spam", "Ada")));

        AuditPage first = decisions.audit(AuditFilter.ALL, null, 2);
        assertThat(first.entries()).extracting(AuditEntry::decisionId).containsExactly("d-3", "d-2");
        assertThat(decisions.audit(AuditFilter.ALL, first.next(), 2).entries())
                .extracting(AuditEntry::decisionId).containsExactly("d-1");
        assertThat(decisions.audit(new AuditFilter("Ada", null, null, null, null), null, 10).entries())
                .extracting(AuditEntry::decisionId).containsExactly("d-3", "d-1");
        assertThat(decisions.audit(new AuditFilter(null, "c-2", null, null, null), null, 10).entries())
                .extracting(AuditEntry::reason).containsExactly("Spam");
        assertThat(decisions.audit(new AuditFilter(null, null, "a-2", null, null), null, 10).entries()).isEmpty();
        Instant firstAt = decisions.audit(new AuditFilter(null, "c-1", null, null, null), null, 1).entries().get(0)
                .decidedAt();
        assertThat(decisions.audit(new AuditFilter(null, null, null, firstAt.plusMillis(1), null), null, 10).entries())
                .extracting(AuditEntry::decisionId).containsExactly("d-3", "d-2");
        assertThat(decisions.audit(new AuditFilter(null, null, null, null, firstAt.plusMillis(1)), null, 10).entries())
                .extracting(AuditEntry::decisionId).containsExactly("d-1");
    }
}
