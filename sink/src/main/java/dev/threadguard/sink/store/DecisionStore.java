package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.instant;
import static dev.threadguard.sink.store.Sql.strings;
import static dev.threadguard.sink.store.Sql.timestamp;

import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Reads of the audit trail and of the labelled examples (their writes are in {@link DecisionWrites}). */
public final class DecisionStore {
    /*
     * Newest first, keyset on (decided_at, decision_id) descending; a null filter parameter is skipped
     * by COALESCE. Without a cursor the position is after every row.
     */
    private static final String SELECT_AUDIT = """
            SELECT decision_id, comment_id, article_id, moderator, action, reason, from_status, to_status,
                   decided_at, applied_at
            FROM audit
            WHERE moderator = COALESCE(?, moderator)
              AND comment_id = COALESCE(?, comment_id)
              AND article_id = COALESCE(?, article_id)
              AND decided_at >= COALESCE(?, '-infinity'::timestamptz)
              AND decided_at < COALESCE(?, 'infinity'::timestamptz)
              AND (decided_at, decision_id) < (COALESCE(?, 'infinity'::timestamptz), COALESCE(?, ''))
            ORDER BY decided_at DESC, decision_id DESC
            LIMIT ?
            """;

    private static final String SELECT_LABELS = """
            SELECT comment_id, flags, duplicate_of, article_id, corrected, detector_version, labelled_by, labelled_at
            FROM labels
            ORDER BY labelled_at, comment_id
            """;

    private static final String SELECT_DECISIONS = """
            SELECT decision_id, comment_id, article_id, action, reason, moderator, decided_at
            FROM decisions
            WHERE decision_id = ANY(?)
            """;

    private final DataSource dataSource;

    public DecisionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AuditPage audit(AuditFilter filter, ReviewCursor before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_AUDIT)) {
            ps.setString(1, filter.moderator());
            ps.setString(2, filter.commentId());
            ps.setString(3, filter.articleId());
            ps.setObject(4, timestamp(filter.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(5, timestamp(filter.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            // Without a cursor every stored instant is before 'infinity', so the id part never decides.
            ps.setObject(6, before == null ? null : timestamp(before.postedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(7, before == null ? null : before.commentId());
            ps.setInt(8, limit + 1);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getString("decision_id"), rs.getString("comment_id"),
                            rs.getString("article_id"), rs.getString("moderator"), rs.getString("action"),
                            rs.getString("reason"), rs.getString("from_status"), rs.getString("to_status"),
                            instant(rs, "decided_at"), instant(rs, "applied_at")));
                }
            }
            if (entries.size() <= limit) {
                return new AuditPage(entries, null);
            }
            List<AuditEntry> page = entries.subList(0, limit);
            AuditEntry last = page.get(limit - 1);
            return new AuditPage(page, new ReviewCursor(last.decidedAt(), last.decisionId()));
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit trail", e);
        }
    }

    /**
     * The stored decisions with these ids (applied or waiting for their comment), by id; ids not stored are
     * missing. The ids must hold no NUL (PostgreSQL refuses it: a {@link StoreException} that
     * {@link StoreException#isDataException() is a data exception}).
     */
    public Map<String, Decision> decisions(Collection<String> decisionIds) {
        if (decisionIds.isEmpty()) {
            return Map.of();
        }
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_DECISIONS)) {
            ps.setArray(1, Sql.textArray(conn, decisionIds));
            Map<String, Decision> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("decision_id"), new Decision(rs.getString("decision_id"),
                            rs.getString("comment_id"), rs.getString("article_id"),
                            DecisionAction.valueOf(rs.getString("action")), rs.getString("reason"),
                            rs.getString("moderator"), instant(rs, "decided_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the decisions", e);
        }
    }

    /** Every labelled example, oldest first, streamed to {@code sink} (the export may be large). */
    public void labels(Consumer<Label> sink) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement(SELECT_LABELS)) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Label(rs.getString("comment_id"), strings(rs.getArray("flags")),
                                rs.getString("duplicate_of"), rs.getString("article_id"),
                                strings(rs.getArray("corrected")), rs.getString("detector_version"),
                                rs.getString("labelled_by"), instant(rs, "labelled_at")));
                    }
                }
            } finally {
                conn.commit();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the labels", e);
        }
    }
}
