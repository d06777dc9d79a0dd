package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.BatchWrites.time;

import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.sink.policy.CommentStatus;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.policy.Standing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail and the labelled examples: one audit row per decision once both it and its comment are stored
 * (the topics are read in parallel, so either may come first), with the status the decision found and the one it
 * left. Runs in the consumer's transaction after {@link BatchWrites}; the statuses come from the facts (the verdict
 * and the comment's decisions in Kafka order) through {@link ModerationPolicy#judge}, as the {@code comments} view
 * derives them.
 *
 * <p>The usual batch costs one indexed statement here (no decision waits to be audited). Because the search is
 * not limited to the batch, a decision and its comment stored at the same moment by two sink instances (neither
 * sees the other's uncommitted row) are audited by the next batch either instance stores.
 */
final class DecisionAudit {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionAudit.class);

    /** Uses decisions_pending_idx (WHERE NOT applied): "applied" now means "audited". */
    private static final String SELECT_AUDITABLE = """
            SELECT DISTINCT d.comment_id FROM decisions d
            WHERE NOT d.applied AND EXISTS (SELECT 1 FROM comment_verdicts v WHERE v.comment_id = d.comment_id)
            """;

    private static final String SELECT_FACTS = """
            SELECT comment_id, article_id, flags, duplicate_of, detector_version, stored_at
            FROM comment_verdicts WHERE comment_id = ANY(:ids)
            """;

    private static final String SELECT_DECISIONS = """
            SELECT decision_id, comment_id, action, reason, moderator, decided_at, applied
            FROM decisions WHERE comment_id = ANY(:ids)
            ORDER BY comment_id, source_partition, source_offset
            """;

    private static final String INSERT_AUDIT = """
            INSERT INTO audit (decision_id, comment_id, article_id, moderator, action, reason, from_status,
                               to_status, decided_at, queued_since)
            VALUES (:decisionId, :commentId, :articleId, :moderator, :action, :reason, :fromStatus, :toStatus,
                    :decidedAt::timestamptz, :queuedSince::timestamptz)
            ON CONFLICT (decision_id) DO NOTHING
            """;

    private static final String MARK_AUDITED = "UPDATE decisions SET applied = true WHERE decision_id = ANY(:ids)";

    private static final String UPSERT_LABEL = """
            INSERT INTO labels (comment_id, article_id, flags, duplicate_of, corrected, detector_version,
                                labelled_by, labelled_at)
            VALUES (:commentId, :articleId, :flags, :duplicateOf, :corrected, :detectorVersion, :moderator,
                    :at::timestamptz)
            ON CONFLICT (comment_id) DO UPDATE SET
                flags = EXCLUDED.flags,
                duplicate_of = EXCLUDED.duplicate_of,
                corrected = EXCLUDED.corrected,
                detector_version = EXCLUDED.detector_version,
                labelled_by = EXCLUDED.labelled_by,
                labelled_at = EXCLUDED.labelled_at
            """;

    private final ModerationPolicy policy;

    DecisionAudit(ModerationPolicy policy) {
        this.policy = policy;
    }

    /** The pipeline's columns of a stored comment that the audit and labels need. */
    private record Facts(String commentId, String articleId, List<String> flags, String duplicateOf,
            String detectorVersion, Instant storedAt) {
    }

    private record Stored(String decisionId, String commentId, DecisionAction action, String reason, String moderator,
            Instant decidedAt, boolean audited) {
    }

    /** Audits every stored decision whose comment is stored and that has no audit row yet. */
    void auditPending(Handle h, Tally tally) {
        List<String> ids = h.createQuery(SELECT_AUDITABLE).mapTo(String.class).list();
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Facts> facts = new HashMap<>();
        h.createQuery(SELECT_FACTS).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new Facts(rs.getString("comment_id"), rs.getString("article_id"),
                        strings(rs, "flags"), rs.getString("duplicate_of"), rs.getString("detector_version"),
                        instant(rs, "stored_at")))
                .forEach(f -> facts.put(f.commentId(), f));
        Map<String, List<Stored>> decisions = new LinkedHashMap<>();
        h.createQuery(SELECT_DECISIONS).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new Stored(rs.getString("decision_id"), rs.getString("comment_id"),
                        DecisionAction.valueOf(rs.getString("action")), rs.getString("reason"),
                        rs.getString("moderator"), instant(rs, "decided_at"), rs.getBoolean("applied")))
                .forEach(d -> decisions.computeIfAbsent(d.commentId(), k -> new ArrayList<>()).add(d));
        PreparedBatch audit = h.prepareBatch(INSERT_AUDIT);
        PreparedBatch labels = h.prepareBatch(UPSERT_LABEL);
        List<String> audited = new ArrayList<>();
        List<Written.Applied> applied = new ArrayList<>();
        List<String> labelled = new ArrayList<>();
        for (Map.Entry<String, List<Stored>> e : decisions.entrySet()) {
            walk(facts.get(e.getKey()), e.getValue(), audit, labels, audited, applied, labelled);
        }
        int[] inserted = audit.execute();
        for (int i = 0; i < inserted.length; i++) {
            // A row another instance wrote meanwhile is not counted twice (ON CONFLICT DO NOTHING gives 0).
            if (inserted[i] > 0) {
                tally.rows("audit", audited.get(i), 1);
                tally.applied(applied.get(i).action(), applied.get(i).queueWait());
            }
        }
        if (labels.size() > 0) {
            int[] counts = labels.execute();
            for (int i = 0; i < counts.length; i++) {
                tally.rows("labels", labelled.get(i), counts[i]);
            }
        }
        h.createUpdate(MARK_AUDITED).bindArray("ids", String.class, audited).execute();
        audited.forEach(id -> tally.rows("decisions", id, 1));
    }

    /**
     * Replays one comment's decisions in Kafka order from no decision at all, noting an audit row (and a label, for
     * a correction) for each decision not audited yet.
     */
    private void walk(Facts f, List<Stored> decisions, PreparedBatch audit, PreparedBatch labels, List<String> audited,
            List<Written.Applied> applied, List<String> labelled) {
        CommentStatus decision = null;
        TreeSet<String> dismissed = new TreeSet<>();
        for (Stored d : decisions) {
            Standing before = policy.judge(f.flags(), dismissed, decision);
            if (d.action() == DecisionAction.APPROVE) {
                decision = CommentStatus.APPROVED;
            } else if (d.action() == DecisionAction.REJECT) {
                decision = CommentStatus.REJECTED;
            } else {
                dismissed.add(d.action().corrects().name());
            }
            Standing after = policy.judge(f.flags(), dismissed, decision);
            if (d.audited()) {
                continue;
            }
            Instant queuedSince = queuedSince(f, before, after, decision, d);
            audit.bind("decisionId", d.decisionId())
                    .bind("commentId", d.commentId())
                    // The stored comment knows its thread better than the decision's sender.
                    .bind("articleId", f.articleId())
                    .bind("moderator", d.moderator())
                    .bind("action", d.action().name())
                    .bind("reason", d.reason())
                    .bind("fromStatus", before.status().name())
                    .bind("toStatus", after.status().name())
                    .bind("decidedAt", time(d.decidedAt()))
                    .bind("queuedSince", time(queuedSince))
                    .add();
            audited.add(d.decisionId());
            applied.add(new Written.Applied(d.action(),
                    queuedSince == null ? null : Duration.between(queuedSince, d.decidedAt())));
            if (d.action().isCorrection()) {
                // Enum order (the names happen to sort alike), like every flag array.
                List<String> corrected = List.copyOf(dismissed);
                labels.bind("commentId", f.commentId())
                        .bind("articleId", f.articleId())
                        .bindArray("flags", String.class, f.flags().stream().filter(x -> !dismissed.contains(x)).toList())
                        .bind("duplicateOf", dismissed.contains(Flag.DUPLICATE.name()) ? null : f.duplicateOf())
                        .bindArray("corrected", String.class, corrected)
                        .bind("detectorVersion", f.detectorVersion())
                        .bind("moderator", d.moderator())
                        .bind("at", time(d.decidedAt()))
                        .add();
                labelled.add(f.commentId());
            }
            LOG.info("applied {} by {} to commentId={} articleId={}: {} -> {}", d.action(), d.moderator(),
                    d.commentId(), f.articleId(), before.status(), after.status());
        }
    }

    /**
     * When the comment entered the review queue (it was stored then), if this decision takes it out of the queue;
     * null when it was not waiting, or when the decision is older than the stored comment (a rebuilt sink replaying
     * decisions, or a decision that waited for its comment): no meaningful wait.
     */
    private static Instant queuedSince(Facts f, Standing before, Standing after, CommentStatus decision, Stored d) {
        boolean leaves = before.queued() && (decision != null || after.queueFlags().isEmpty());
        if (!leaves || f.storedAt() == null || d.decidedAt().isBefore(f.storedAt())) {
            return null;
        }
        return f.storedAt();
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Sql.strings(rs.getArray(column));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
