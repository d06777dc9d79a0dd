package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.strings;
import static dev.threadguard.sink.store.Sql.textArray;
import static dev.threadguard.sink.store.Sql.timestamp;

import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Flag;
import dev.threadguard.sink.policy.CommentStatus;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.policy.Standing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of what moderators own: statuses (derived by {@link ModerationPolicy#judge}), decisions,
 * the audit trail and the labels. Called inside the consumer's transaction, after the pipeline's upserts.
 */
final class DecisionWrites {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWrites.class);

    private static final String INSERT_DECISION = """
            INSERT INTO decisions (decision_id, comment_id, article_id, action, reason, moderator, decided_at,
                                   source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (decision_id) DO NOTHING
            """;

    private static final String SELECT_PENDING = """
            SELECT decision_id, comment_id, article_id, action, reason, moderator, decided_at
            FROM decisions
            WHERE comment_id = ? AND NOT applied
            ORDER BY source_partition, source_offset
            """;

    private static final String SELECT_STATE = """
            SELECT comment_id, article_id, flags, duplicate_of, detector_version, status, queue_flags, teams,
                   dismissed_flags, decision, stored_at
            FROM comments
            WHERE comment_id = ?
            FOR UPDATE
            """;

    private static final String SELECT_ALL_STATES = """
            SELECT comment_id, article_id, flags, duplicate_of, detector_version, status, queue_flags, teams,
                   dismissed_flags, decision, stored_at
            FROM comments
            """;

    private static final String UPDATE_STANDING = """
            UPDATE comments SET status = ?, queue_flags = ?, teams = ?
            WHERE comment_id = ?
            """;

    private static final String UPDATE_DECIDED = """
            UPDATE comments SET status = ?, queue_flags = ?, teams = ?,
                                decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?
            WHERE comment_id = ?
            """;

    private static final String UPDATE_CORRECTED = """
            UPDATE comments SET status = ?, queue_flags = ?, teams = ?, dismissed_flags = ?
            WHERE comment_id = ?
            """;

    private static final String MARK_APPLIED = "UPDATE decisions SET applied = true WHERE decision_id = ?";

    private static final String INSERT_AUDIT = """
            INSERT INTO audit (decision_id, comment_id, article_id, moderator, action, reason, from_status,
                               to_status, decided_at, queued_since)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (decision_id) DO NOTHING
            """;

    private static final String UPSERT_LABEL = """
            INSERT INTO labels (comment_id, article_id, flags, duplicate_of, corrected, detector_version,
                                labelled_by, labelled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (comment_id) DO UPDATE SET
                flags = EXCLUDED.flags,
                duplicate_of = EXCLUDED.duplicate_of,
                corrected = EXCLUDED.corrected,
                detector_version = EXCLUDED.detector_version,
                labelled_by = EXCLUDED.labelled_by,
                labelled_at = EXCLUDED.labelled_at
            """;

    private final ModerationPolicy policy;

    DecisionWrites(ModerationPolicy policy) {
        this.policy = policy;
    }

    /** The moderator-owned columns of one comment, as read for update. */
    private record State(String commentId, String articleId, List<String> flags, String duplicateOf,
            String detectorVersion, CommentStatus status, List<String> queueFlags, List<String> teams,
            List<String> dismissed, CommentStatus decision, Instant storedAt) {

        static State read(ResultSet rs) throws SQLException {
            String decision = rs.getString("decision");
            return new State(rs.getString("comment_id"), rs.getString("article_id"), strings(rs.getArray("flags")),
                    rs.getString("duplicate_of"), rs.getString("detector_version"),
                    CommentStatus.valueOf(rs.getString("status")), strings(rs.getArray("queue_flags")),
                    strings(rs.getArray("teams")), strings(rs.getArray("dismissed_flags")),
                    decision == null ? null : CommentStatus.valueOf(decision), Sql.instant(rs, "stored_at"));
        }

        boolean sameStanding(Standing s) {
            return status == s.status() && queueFlags.equals(s.queueFlags()) && teams.equals(s.teams());
        }

        /** Waiting for a moderator: what the review queue shows. */
        boolean queued() {
            return decision == null && !queueFlags.isEmpty();
        }
    }

    /**
     * After the pipeline stored a verdict: the status under the policy, then the decisions that waited
     * for this comment. Writes nothing when nothing changes, so a replay leaves the row as it was.
     */
    void settle(Connection conn, String commentId, Tally tally) throws SQLException {
        Optional<State> state = lock(conn, commentId);
        if (state.isEmpty()) {
            return;
        }
        State s = state.get();
        Standing standing = policy.judge(s.flags(), s.dismissed(), s.decision());
        if (!s.sameStanding(standing)) {
            tally.rows("comments", s.commentId(), writeStanding(conn, s.commentId(), standing));
        }
        List<Decision> pending = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(SELECT_PENDING)) {
            ps.setString(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new Decision(rs.getString("decision_id"), rs.getString("comment_id"),
                            rs.getString("article_id"), DecisionAction.valueOf(rs.getString("action")),
                            rs.getString("reason"), rs.getString("moderator"), Sql.instant(rs, "decided_at")));
                }
            }
        }
        for (Decision d : pending) {
            apply(conn, d, tally);
        }
    }

    /** Records a decision read from Kafka and applies it when its comment is stored; a re-read is a no-op. */
    void record(Connection conn, Change.DecisionTaken taken, Tally tally) throws SQLException {
        Decision d = taken.decision();
        try (PreparedStatement ps = conn.prepareStatement(INSERT_DECISION)) {
            ps.setString(1, d.decisionId());
            ps.setString(2, d.commentId());
            ps.setString(3, d.articleId());
            ps.setString(4, d.action().name());
            ps.setString(5, d.reason());
            ps.setString(6, d.moderator());
            ps.setObject(7, timestamp(d.decidedAt()));
            ps.setInt(8, taken.partition());
            ps.setLong(9, taken.offset());
            int inserted = ps.executeUpdate();
            if (inserted == 0) {
                LOG.debug("decision {} about commentId={} was applied before; skipped", d.decisionId(), d.commentId());
                return;
            }
            tally.rows("decisions", d.decisionId(), inserted);
        }
        if (!apply(conn, d, tally)) {
            LOG.info("decision {} waits for commentId={} articleId={}, not stored yet", d.decisionId(), d.commentId(),
                    d.articleId());
        }
    }

    /** @return false when the comment is not stored yet (the decision stays pending) */
    private boolean apply(Connection conn, Decision d, Tally tally) throws SQLException {
        Optional<State> state = lock(conn, d.commentId());
        if (state.isEmpty()) {
            return false;
        }
        State s = state.get();
        CommentStatus decision = s.decision();
        TreeSet<String> dismissed = new TreeSet<>(s.dismissed());
        DecisionAction action = d.action();
        if (action == DecisionAction.APPROVE) {
            decision = CommentStatus.APPROVED;
        } else if (action == DecisionAction.REJECT) {
            decision = CommentStatus.REJECTED;
        } else {
            dismissed.add(action.corrects().name());
        }
        // Enum order (the names happen to sort alike), like every flag array.
        List<String> dismissedList = List.copyOf(dismissed);
        Standing standing = policy.judge(s.flags(), dismissedList, decision);
        Instant queuedSince = queuedSince(s, standing, decision, d);
        int updated;
        if (action.isCorrection()) {
            // A correction leaves the latest approve/reject, and who took it, as they were.
            try (PreparedStatement ps = conn.prepareStatement(UPDATE_CORRECTED)) {
                ps.setString(1, standing.status().name());
                ps.setArray(2, textArray(conn, standing.queueFlags()));
                ps.setArray(3, textArray(conn, standing.teams()));
                ps.setArray(4, textArray(conn, dismissedList));
                ps.setString(5, d.commentId());
                updated = ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = conn.prepareStatement(UPDATE_DECIDED)) {
                ps.setString(1, standing.status().name());
                ps.setArray(2, textArray(conn, standing.queueFlags()));
                ps.setArray(3, textArray(conn, standing.teams()));
                ps.setString(4, decision.name());
                ps.setString(5, d.reason());
                ps.setString(6, d.moderator());
                ps.setObject(7, timestamp(d.decidedAt()));
                ps.setString(8, d.commentId());
                updated = ps.executeUpdate();
            }
        }
        tally.rows("comments", d.commentId(), updated);
        try (PreparedStatement ps = conn.prepareStatement(MARK_APPLIED)) {
            ps.setString(1, d.decisionId());
            tally.rows("decisions", d.decisionId(), ps.executeUpdate());
        }
        try (PreparedStatement ps = conn.prepareStatement(INSERT_AUDIT)) {
            ps.setString(1, d.decisionId());
            ps.setString(2, d.commentId());
            // The stored comment knows its thread better than the decision's sender.
            ps.setString(3, s.articleId());
            ps.setString(4, d.moderator());
            ps.setString(5, action.name());
            ps.setString(6, d.reason());
            ps.setString(7, s.status().name());
            ps.setString(8, standing.status().name());
            ps.setObject(9, timestamp(d.decidedAt()));
            ps.setObject(10, timestamp(queuedSince), Types.TIMESTAMP_WITH_TIMEZONE);
            int audited = ps.executeUpdate();
            tally.rows("audit", d.decisionId(), audited);
            if (audited > 0) {
                tally.applied(action, queuedSince == null ? null : Duration.between(queuedSince, d.decidedAt()));
            }
        }
        if (action.isCorrection()) {
            tally.rows("labels", s.commentId(), label(conn, s, dismissedList, d.moderator(), d.decidedAt()));
        }
        LOG.info("applied {} by {} to commentId={} articleId={}: {} -> {}", action, d.moderator(), d.commentId(),
                s.articleId(), s.status(), standing.status());
        return true;
    }

    /**
     * When the comment entered the review queue (it was stored then), if this decision takes it out of the queue;
     * null when it was not waiting, or when the decision is older than the stored comment (a rebuilt sink replaying
     * decisions, or a decision that waited for its comment): no meaningful wait.
     */
    private static Instant queuedSince(State before, Standing after, CommentStatus decision, Decision d) {
        boolean leaves = before.queued() && (decision != null || after.queueFlags().isEmpty());
        if (!leaves || before.storedAt() == null || d.decidedAt().isBefore(before.storedAt())) {
            return null;
        }
        return before.storedAt();
    }

    private static int label(Connection conn, State s, List<String> dismissed, String moderator, Instant at)
            throws SQLException {
        List<String> flags = s.flags().stream().filter(f -> !dismissed.contains(f)).toList();
        String duplicateOf = dismissed.contains(Flag.DUPLICATE.name()) ? null : s.duplicateOf();
        try (PreparedStatement ps = conn.prepareStatement(UPSERT_LABEL)) {
            ps.setString(1, s.commentId());
            ps.setString(2, s.articleId());
            ps.setArray(3, textArray(conn, flags));
            ps.setString(4, duplicateOf);
            ps.setArray(5, textArray(conn, dismissed));
            ps.setString(6, s.detectorVersion());
            ps.setString(7, moderator);
            ps.setObject(8, timestamp(at));
            return ps.executeUpdate();
        }
    }

    /**
     * Re-derives every comment's status under this policy (at start: the policy may have changed, and
     * rows stored before statuses existed need one). Writes only the rows whose standing changes.
     *
     * @return how many rows changed
     */
    int restandAll(Connection conn, Tally tally) throws SQLException {
        List<Object[]> changed = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            // A server-side cursor: the table may be large. Needs autocommit off (the caller's transaction).
            st.setFetchSize(1_000);
            try (ResultSet rs = st.executeQuery(SELECT_ALL_STATES)) {
                while (rs.next()) {
                    State s = State.read(rs);
                    Standing standing = policy.judge(s.flags(), s.dismissed(), s.decision());
                    if (!s.sameStanding(standing)) {
                        changed.add(new Object[] {s.commentId(), standing});
                    }
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(UPDATE_STANDING)) {
            for (Object[] row : changed) {
                bindStanding(conn, ps, (String) row[0], (Standing) row[1]);
                ps.addBatch();
                tally.rows("comments", (String) row[0], 1);
            }
            ps.executeBatch();
        }
        return changed.size();
    }

    private Optional<State> lock(Connection conn, String commentId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SELECT_STATE)) {
            ps.setString(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(State.read(rs)) : Optional.empty();
            }
        }
    }

    private static int writeStanding(Connection conn, String commentId, Standing standing) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(UPDATE_STANDING)) {
            bindStanding(conn, ps, commentId, standing);
            return ps.executeUpdate();
        }
    }

    private static void bindStanding(Connection conn, PreparedStatement ps, String commentId, Standing standing)
            throws SQLException {
        ps.setString(1, standing.status().name());
        ps.setArray(2, textArray(conn, standing.queueFlags()));
        ps.setArray(3, textArray(conn, standing.teams()));
        ps.setString(4, Objects.requireNonNull(commentId));
    }
}
