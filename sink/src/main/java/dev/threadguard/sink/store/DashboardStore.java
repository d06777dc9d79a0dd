package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.timestamp;

import dev.threadguard.contract.Flag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The dashboard's questions to PostgreSQL: verdicts and flags per minute, and how long flagged comments waited. */
public final class DashboardStore {
    /** Per minute of verdict time (judged_at, the comment's record time in the pipeline); index comments_judged_idx. */
    private static final String VERDICTS_PER_MINUTE = """
            SELECT (floor(extract(epoch FROM judged_at) / 60) * 60)::bigint AS minute,
                   count(*) AS comments,
                   count(*) FILTER (WHERE 'DUPLICATE' = ANY(flags)) AS duplicate,
                   count(*) FILTER (WHERE 'OFF_TOPIC' = ANY(flags)) AS off_topic,
                   count(*) FILTER (WHERE 'SUPPORT_REQUEST' = ANY(flags)) AS support_request
            FROM comments
            WHERE judged_at >= ? AND judged_at < ?
            GROUP BY 1
            ORDER BY 1
            """;

    /** Decisions that took a comment out of the review queue (audit.queued_since set), per minute of decision. */
    private static final String WAITS_PER_MINUTE = """
            SELECT (floor(extract(epoch FROM decided_at) / 60) * 60)::bigint AS minute,
                   count(*) AS decisions,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - queued_since)) AS p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - queued_since)) AS p90
            FROM audit
            WHERE queued_since IS NOT NULL AND decided_at >= ? AND decided_at < ?
            GROUP BY 1
            ORDER BY 1
            """;

    private static final String WAITS = """
            SELECT count(*) AS decisions,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - queued_since)) AS p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - queued_since)) AS p90,
                   max(extract(epoch FROM decided_at - queued_since)) AS max
            FROM audit
            WHERE queued_since IS NOT NULL AND decided_at >= ? AND decided_at < ?
            """;

    /** Verdicts judged in one minute (epoch seconds of its start) and how many raised each flag. */
    public record VerdictMinute(long minute, long comments, Map<Flag, Long> flags) {
        public VerdictMinute {
            flags = Map.copyOf(flags);
        }
    }

    /** Decisions that took comments out of the queue in one minute; waits in seconds. */
    public record WaitMinute(long minute, long decisions, double p50Seconds, double p90Seconds) {
    }

    /** Over a longer window; the percentiles are null when there was no such decision. */
    public record Waits(long decisions, Double p50Seconds, Double p90Seconds, Double maxSeconds) {
    }

    private final DataSource dataSource;

    public DashboardStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Minutes in [from, to) with at least one verdict, oldest first. */
    public List<VerdictMinute> verdictsPerMinute(Instant from, Instant to) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(VERDICTS_PER_MINUTE)) {
            ps.setObject(1, timestamp(from));
            ps.setObject(2, timestamp(to));
            List<VerdictMinute> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<Flag, Long> flags = new EnumMap<>(Flag.class);
                    flags.put(Flag.DUPLICATE, rs.getLong("duplicate"));
                    flags.put(Flag.OFF_TOPIC, rs.getLong("off_topic"));
                    flags.put(Flag.SUPPORT_REQUEST, rs.getLong("support_request"));
                    out.add(new VerdictMinute(rs.getLong("minute"), rs.getLong("comments"), flags));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot count the verdicts per minute", e);
        }
    }

    /** Minutes in [from, to) in which a decision took a comment out of the queue, oldest first. */
    public List<WaitMinute> waitsPerMinute(Instant from, Instant to) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(WAITS_PER_MINUTE)) {
            ps.setObject(1, timestamp(from));
            ps.setObject(2, timestamp(to));
            List<WaitMinute> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WaitMinute(rs.getLong("minute"), rs.getLong("decisions"), rs.getDouble("p50"),
                            rs.getDouble("p90")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the time to moderate", e);
        }
    }

    public Waits waits(Instant from, Instant to) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(WAITS)) {
            ps.setObject(1, timestamp(from));
            ps.setObject(2, timestamp(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long decisions = rs.getLong("decisions");
                return decisions == 0 ? new Waits(0, null, null, null)
                        : new Waits(decisions, rs.getDouble("p50"), rs.getDouble("p90"), rs.getDouble("max"));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the time to moderate", e);
        }
    }
}
