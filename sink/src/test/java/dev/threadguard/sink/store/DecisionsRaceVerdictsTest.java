package dev.threadguard.sink.store;

import static dev.threadguard.sink.Samples.T0;
import static dev.threadguard.sink.Samples.moderated;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sink instances on one database: one stores verdicts while the other stores decisions about the same comments,
 * in concurrent transactions (neither sees the other's uncommitted rows). Every status must follow from both once
 * both committed, and every decision must end up in the audit trail.
 */
class DecisionsRaceVerdictsTest {
    private static final int COMMENTS = 200;
    private static final int BATCH = 20;
    private static HikariDataSource pool;

    @BeforeAll
    static void database() {
        pool = FreshDatabase.create("sink_race").migratedPool();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void everyDecisionCountsWhicheverTransactionCommitsFirst() throws Exception {
        CommentStore verdicts = new CommentStore(pool, new ModerationPolicy(Map.of()));
        CommentStore decisions = new CommentStore(pool, new ModerationPolicy(Map.of()));
        List<List<Change>> verdictBatches = batches(i -> {
            ModeratedComment mc = moderated("a-race", "c-" + i, null, T0.plusSeconds(i), Set.of(Flag.DUPLICATE), null);
            return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, i);
        });
        // The other instance reads the decisions in the opposite order of the comments.
        List<List<Change>> decisionBatches = batches(i -> {
            int target = COMMENTS - 1 - i;
            DecisionAction action = target % 2 == 0 ? DecisionAction.REJECT : DecisionAction.APPROVE;
            Decision d = new Decision("d-" + target, "c-" + target, "a-race", action,
                    action == DecisionAction.REJECT ? "Spam" : null, "Ada", T0.plusSeconds(3_600));
            return new Change.DecisionTaken(d, "moderation.decisions", 1, i);
        });
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> applyAll(verdicts, verdictBatches, together));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> applyAll(decisions, decisionBatches, together));
        CompletableFuture.allOf(a, b).get();

        List<StoredComment> thread = verdicts.thread("a-race");
        assertThat(thread).hasSize(COMMENTS);
        for (StoredComment c : thread) {
            int n = Integer.parseInt(c.commentId().substring(2));
            assertThat(c.status()).as(c.commentId()).isEqualTo(n % 2 == 0 ? "REJECTED" : "APPROVED");
        }
        assertThat(verdicts.queueSize().comments()).isZero();

        // A decision and its comment committed at the same moment are audited by the next batch either stores.
        verdicts.apply(List.of(new Change.ArticleUpsert(Samples.article("a-race", "Race"), "articles", 0, 0)));
        var audit = new DecisionStore(pool).audit(AuditFilter.ALL, null, 500).entries();
        assertThat(audit).hasSize(COMMENTS);
        assertThat(audit).allSatisfy(e -> assertThat(e.fromStatus()).isEqualTo("HELD"));
    }

    private static List<List<Change>> batches(IntFunction<Change> change) {
        List<List<Change>> out = new ArrayList<>();
        for (int start = 0; start < COMMENTS; start += BATCH) {
            List<Change> batch = new ArrayList<>();
            for (int i = start; i < start + BATCH; i++) {
                batch.add(change.apply(i));
            }
            out.add(batch);
        }
        return out;
    }

    private static void applyAll(CommentStore store, List<List<Change>> batches, CyclicBarrier together) {
        for (List<Change> batch : batches) {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            store.apply(batch);
        }
    }
}
