package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.instant;
import static dev.threadguard.sink.store.Sql.textArray;
import static dev.threadguard.sink.store.Sql.timestamp;

import dev.threadguard.contract.Flag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review queue's reads: its pages and its size. Queued means "a flag queues it under the policy and no moderator
 * approved or rejected it", as the {@code comments} view derives it; every query repeats "cardinality(c.flags) > 0"
 * so the planner can scan the partial index comment_verdicts_flagged_idx (the queue is a subset of the flagged).
 */
final class ReviewQueueReads {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewQueueReads.class);

    /*
     * Keyset pagination over the partial index comments_review_queue_idx (its predicate is repeated
     * here). Without a cursor the position starts before every row: comment ids are never empty.
     * Without a flag filter, "queue_flags && <every flag>" holds for every queued comment; the other
     * filters are skipped by COALESCE when their parameter is null.
     */
    private static final String QUEUE_WHERE = """
            WHERE cardinality(c.flags) > 0 AND c.decision IS NULL AND cardinality(c.queue_flags) > 0
              AND c.queue_flags && ?
              AND c.article_id = COALESCE(?, c.article_id)
              AND c.posted_at <= COALESCE(?, 'infinity'::timestamptz)
              AND c.posted_at >= COALESCE(?, '-infinity'::timestamptz)
            """;

    private static final String SELECT_REVIEW_QUEUE = """
            SELECT %s, a.title AS article_title,
                   p.comment_id AS p_id, p.author AS p_author, p.title AS p_title, p.body AS p_body,
                   p.posted_at AS p_posted_at, p.status AS p_status,
                   o.comment_id AS o_id, o.author AS o_author, o.title AS o_title, o.body AS o_body,
                   o.posted_at AS o_posted_at, o.status AS o_status
            FROM comments c
            LEFT JOIN articles a ON a.article_id = c.article_id
            LEFT JOIN comments p ON p.comment_id = c.parent_id AND p.article_id = c.article_id
            LEFT JOIN comments o ON o.comment_id = c.duplicate_of
            %s
              AND (c.posted_at, c.comment_id) > (COALESCE(?, '-infinity'::timestamptz), COALESCE(?, ''))
            ORDER BY c.posted_at, c.comment_id
            LIMIT ?
            """.formatted(CommentRows.COLUMNS, QUEUE_WHERE);

    private static final String COUNT_REVIEW_QUEUE = "SELECT count(*) FROM comments c " + QUEUE_WHERE;

    static final String COUNT_QUEUED =
            "SELECT count(*) FROM comments c WHERE cardinality(c.flags) > 0 AND c.decision IS NULL"
                    + " AND cardinality(c.queue_flags) > 0";

    private static final String QUEUE_SIZES = """
            SELECT f.flag, count(*)
            FROM comments c CROSS JOIN LATERAL unnest(c.queue_flags) AS f(flag)
            WHERE cardinality(c.flags) > 0 AND c.decision IS NULL AND cardinality(c.queue_flags) > 0
            GROUP BY f.flag
            """;

    private final DataSource dataSource;

    ReviewQueueReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    QueueSize size() {
        Map<Flag, Long> sizes = new java.util.EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            sizes.put(flag, 0L);
        }
        try (Connection conn = dataSource.getConnection(); Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery(QUEUE_SIZES)) {
                while (rs.next()) {
                    try {
                        sizes.put(Flag.valueOf(rs.getString(1)), rs.getLong(2));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("unknown flag {} in queue_flags", rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(COUNT_QUEUED)) {
                rs.next();
                return new QueueSize(rs.getLong(1), sizes);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the review queue", e);
        }
    }

    ReviewPage page(QueueFilter filter, ReviewCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        List<String> wanted = filter.flag() == null
                ? Arrays.stream(Flag.values()).map(Flag::name).toList()
                : List.of(filter.flag().name());
        try (Connection conn = dataSource.getConnection()) {
            List<ReviewItem> items = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(SELECT_REVIEW_QUEUE)) {
                int i = bindQueueFilter(conn, ps, filter, wanted);
                ps.setObject(i++, after == null ? null : timestamp(after.postedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(i++, after == null ? null : after.commentId());
                // One more than asked tells whether there is a next page.
                ps.setInt(i, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(ReviewItem.of(CommentRows.comment(rs), rs.getString("article_title"), ref(rs, "p_"),
                                ref(rs, "o_")));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = conn.prepareStatement(COUNT_REVIEW_QUEUE)) {
                bindQueueFilter(conn, ps, filter, wanted);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            if (items.size() <= limit) {
                return new ReviewPage(items, null, total);
            }
            List<ReviewItem> page = items.subList(0, limit);
            return new ReviewPage(page, page.get(limit - 1).position(), total);
        } catch (SQLException e) {
            throw new StoreException("cannot read the review queue", e);
        }
    }

    private static int bindQueueFilter(Connection conn, PreparedStatement ps, QueueFilter filter, List<String> flags)
            throws SQLException {
        ps.setArray(1, textArray(conn, flags));
        ps.setString(2, filter.articleId());
        ps.setObject(3, timestamp(filter.postedBefore()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(4, timestamp(filter.postedAfter()), Types.TIMESTAMP_WITH_TIMEZONE);
        return 5;
    }

    private static CommentRef ref(ResultSet rs, String prefix) throws SQLException {
        String id = rs.getString(prefix + "id");
        if (id == null) {
            return null;
        }
        return new CommentRef(id, rs.getString(prefix + "author"), rs.getString(prefix + "title"),
                rs.getString(prefix + "body"), instant(rs, prefix + "posted_at"), rs.getString(prefix + "status"));
    }
}
