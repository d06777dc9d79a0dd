package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.instant;
import static dev.threadguard.sink.store.Sql.rollbackQuietly;
import static dev.threadguard.sink.store.Sql.strings;
import static dev.threadguard.sink.store.Sql.textArray;
import static dev.threadguard.sink.store.Sql.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's comment SQL: writes from the consumer (the pipeline's columns here, what moderators own in
 * {@link DecisionWrites}), reads for the HTTP API. Plain JDBC.
 */
public final class CommentStore {
    private static final Logger LOG = LoggerFactory.getLogger(CommentStore.class);
    /*
     * The "WHERE ... IS DISTINCT FROM" guards make a replay a no-op: an identical record neither
     * rewrites the row nor moves updated_at, and source_partition/source_offset keep pointing at the
     * record the stored version was first read from.
     */
    private static final String UPSERT_ARTICLE = """
            INSERT INTO articles (article_id, title, body, url, tags, published_at, source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (article_id) DO UPDATE SET
                title = EXCLUDED.title,
                body = EXCLUDED.body,
                url = EXCLUDED.url,
                tags = EXCLUDED.tags,
                published_at = EXCLUDED.published_at,
                updated_at = now(),
                source_partition = EXCLUDED.source_partition,
                source_offset = EXCLUDED.source_offset
            WHERE (articles.title, articles.body, articles.url, articles.tags, articles.published_at)
                IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.url, EXCLUDED.tags, EXCLUDED.published_at)
            """;

    private static final String DELETE_ARTICLE = "DELETE FROM articles WHERE article_id = ?";

    private static final String UPSERT_COMMENT = """
            INSERT INTO comments (comment_id, article_id, parent_id, author, title, body, posted_at,
                                  flags, duplicate_of, scores, reasons, detector_version, judged_at,
                                  source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT (comment_id) DO UPDATE SET
                article_id = EXCLUDED.article_id,
                parent_id = EXCLUDED.parent_id,
                author = EXCLUDED.author,
                title = EXCLUDED.title,
                body = EXCLUDED.body,
                posted_at = EXCLUDED.posted_at,
                flags = EXCLUDED.flags,
                duplicate_of = EXCLUDED.duplicate_of,
                scores = EXCLUDED.scores,
                reasons = EXCLUDED.reasons,
                detector_version = EXCLUDED.detector_version,
                judged_at = EXCLUDED.judged_at,
                updated_at = now(),
                source_partition = EXCLUDED.source_partition,
                source_offset = EXCLUDED.source_offset
            WHERE (comments.article_id, comments.parent_id, comments.author, comments.title, comments.body,
                   comments.posted_at, comments.flags, comments.duplicate_of, comments.scores, comments.reasons,
                   comments.detector_version, comments.judged_at)
                IS DISTINCT FROM
                  (EXCLUDED.article_id, EXCLUDED.parent_id, EXCLUDED.author, EXCLUDED.title, EXCLUDED.body,
                   EXCLUDED.posted_at, EXCLUDED.flags, EXCLUDED.duplicate_of, EXCLUDED.scores, EXCLUDED.reasons,
                   EXCLUDED.detector_version, EXCLUDED.judged_at)
            """;

    private static final String SELECT_ARTICLE = """
            SELECT article_id, title, body, url, tags, published_at, updated_at
            FROM articles
            WHERE article_id = ?
            """;

    private static final String COMMENT_COLUMNS = """
            c.comment_id, c.article_id, c.parent_id, c.author, c.title, c.body, c.posted_at,
            c.flags, c.duplicate_of, c.scores, c.reasons, c.detector_version, c.judged_at,
            c.status, c.queue_flags, c.teams, c.dismissed_flags, c.decision_reason""";

    private static final String SELECT_THREAD = """
            SELECT %s
            FROM comments c
            WHERE c.article_id = ?
            ORDER BY c.posted_at, c.comment_id
            """.formatted(COMMENT_COLUMNS);

    /*
     * Keyset pagination over the partial index comments_review_queue_idx (its predicate is repeated
     * here). Without a cursor the position starts before every row: comment ids are never empty.
     * Without a flag filter, "queue_flags && <every flag>" holds for every queued comment; the other
     * filters are skipped by COALESCE when their parameter is null.
     */
    private static final String QUEUE_WHERE = """
            WHERE c.decision IS NULL AND cardinality(c.queue_flags) > 0
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
            """.formatted(COMMENT_COLUMNS, QUEUE_WHERE);

    private static final String COUNT_REVIEW_QUEUE = "SELECT count(*) FROM comments c " + QUEUE_WHERE;

    private static final String SELECT_TARGETS = """
            SELECT comment_id, article_id, flags, status FROM comments WHERE comment_id = ANY(?)
            """;

    private static final String SELECT_ARTICLES = """
            SELECT a.article_id, a.title,
                   (SELECT count(*) FROM comments c WHERE c.article_id = a.article_id) AS comments,
                   (SELECT count(*) FROM comments c WHERE c.article_id = a.article_id
                        AND c.decision IS NULL AND cardinality(c.queue_flags) > 0) AS queued
            FROM articles a
            ORDER BY a.published_at DESC NULLS LAST, a.article_id
            LIMIT ?
            """;

    private static final String SUMMARY_STATUS = "SELECT status, count(*) FROM comments GROUP BY status";

    private static final String SUMMARY_FLAGS = """
            SELECT f.flag,
                   count(*) AS raised,
                   count(*) FILTER (WHERE f.flag = ANY(c.queue_flags) AND c.decision IS NULL) AS queued,
                   count(*) FILTER (WHERE f.flag = ANY(c.dismissed_flags)) AS dismissed
            FROM comments c CROSS JOIN LATERAL unnest(c.flags) AS f(flag)
            GROUP BY f.flag
            """;

    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };

    private static final String COUNT_QUEUED =
            "SELECT count(*) FROM comments c WHERE c.decision IS NULL AND cardinality(c.queue_flags) > 0";

    private static final String QUEUE_SIZES = """
            SELECT f.flag, count(*)
            FROM comments c CROSS JOIN LATERAL unnest(c.queue_flags) AS f(flag)
            WHERE c.decision IS NULL AND cardinality(c.queue_flags) > 0
            GROUP BY f.flag
            """;

    private final DataSource dataSource;
    private final DecisionWrites decisions;
    private final WriteObserver observer;

    public CommentStore(DataSource dataSource, ModerationPolicy policy) {
        this(dataSource, policy, WriteObserver.NONE);
    }

    /** {@code observer} hears of every write transaction: the sink's metrics. */
    public CommentStore(DataSource dataSource, ModerationPolicy policy, WriteObserver observer) {
        this.dataSource = dataSource;
        this.decisions = new DecisionWrites(policy);
        this.observer = observer;
    }

    /**
     * Re-derives every comment's status under the policy, in one transaction: the configured policy
     * may differ from the one the rows were stored under. Decisions of moderators stay as they were.
     */
    public void applyPolicyToStoredComments() {
        long start = System.nanoTime();
        Tally tally = new Tally();
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                int changed = decisions.restandAll(conn, tally);
                conn.commit();
                LOG.info("policy applied to stored comments: {} changed status or queue", changed);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(conn, e);
                throw e;
            }
        } catch (SQLException e) {
            observer.failed(since(start));
            throw new StoreException("cannot apply the policy to the stored comments", e);
        } catch (RuntimeException e) {
            observer.failed(since(start));
            throw e;
        }
        observer.committed(tally.written(), since(start));
    }

    /** Applies the changes in order, all or nothing. */
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Tally tally = new Tally();
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                for (Change change : changes) {
                    write(conn, change, tally);
                }
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(conn, e);
                throw e;
            }
        } catch (SQLException e) {
            observer.failed(since(start));
            throw new StoreException("cannot store " + changes.size() + " records", e);
        } catch (RuntimeException e) {
            observer.failed(since(start));
            throw e;
        }
        observer.committed(tally.written(), since(start));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void write(Connection conn, Change change, Tally tally) throws SQLException {
        // Java 17: no pattern matching in switch yet.
        if (change instanceof Change.ArticleUpsert up) {
            tally.rows("articles", up.article().articleId(), upsertArticle(conn, up));
        } else if (change instanceof Change.ArticleDeletion del) {
            try (PreparedStatement ps = conn.prepareStatement(DELETE_ARTICLE)) {
                ps.setString(1, del.articleId());
                tally.rows("articles", del.articleId(), ps.executeUpdate());
            }
        } else if (change instanceof Change.CommentUpsert up) {
            String commentId = up.moderated().comment().commentId();
            tally.rows("comments", commentId, upsertComment(conn, up));
            decisions.settle(conn, commentId, tally);
        } else if (change instanceof Change.DecisionTaken taken) {
            decisions.record(conn, taken, tally);
        }
    }

    /** How many comments wait for a moderator, in all and per flag. */
    public QueueSize queueSize() {
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

    private static int upsertArticle(Connection conn, Change.ArticleUpsert up) throws SQLException {
        Article a = up.article();
        try (PreparedStatement ps = conn.prepareStatement(UPSERT_ARTICLE)) {
            ps.setString(1, a.articleId());
            ps.setString(2, a.title());
            ps.setString(3, a.body());
            ps.setString(4, a.url());
            ps.setArray(5, textArray(conn, a.tags()));
            ps.setObject(6, timestamp(a.publishedAt()));
            ps.setInt(7, up.partition());
            ps.setLong(8, up.offset());
            return ps.executeUpdate();
        }
    }

    private static int upsertComment(Connection conn, Change.CommentUpsert up) throws SQLException {
        Comment c = up.moderated().comment();
        Verdict v = up.moderated().verdict();
        // Enum order, so that the same set of flags is always the same array (the replay guard compares arrays).
        List<String> flags = v.flags().stream().sorted().map(Flag::name).toList();
        try (PreparedStatement ps = conn.prepareStatement(UPSERT_COMMENT)) {
            ps.setString(1, c.commentId());
            ps.setString(2, c.articleId());
            ps.setString(3, c.parentId());
            ps.setString(4, c.author());
            ps.setString(5, c.title());
            ps.setString(6, c.body());
            ps.setObject(7, timestamp(up.postedAt()));
            ps.setArray(8, textArray(conn, flags));
            ps.setString(9, v.duplicateOf());
            ps.setString(10, Json.writeString(v.scores()));
            ps.setArray(11, textArray(conn, v.reasons()));
            ps.setString(12, v.detectorVersion());
            ps.setObject(13, timestamp(v.judgedAt()));
            ps.setInt(14, up.partition());
            ps.setLong(15, up.offset());
            return ps.executeUpdate();
        }
    }

    public Optional<StoredArticle> article(String articleId) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_ARTICLE)) {
            ps.setString(1, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredArticle(
                        rs.getString("article_id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getString("url"),
                        strings(rs.getArray("tags")),
                        instant(rs, "published_at"),
                        instant(rs, "updated_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read article " + articleId, e);
        }
    }

    /** The comments of one article, oldest first (ties by comment id). */
    public List<StoredComment> thread(String articleId) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_THREAD)) {
            ps.setString(1, articleId);
            List<StoredComment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(comment(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the thread of article " + articleId, e);
        }
    }

    /**
     * Comments waiting for a moderator after {@code after}, oldest first.
     *
     * @param after the {@link ReviewPage#next()} of the previous page, or null for the first page
     */
    public ReviewPage reviewQueue(QueueFilter filter, ReviewCursor after, int limit) {
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
                        items.add(ReviewItem.of(comment(rs), rs.getString("article_title"), ref(rs, "p_"),
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

    public ReviewPage reviewQueue(Flag flag, ReviewCursor after, int limit) {
        return reviewQueue(QueueFilter.flag(flag), after, limit);
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

    /** The stored comments among {@code commentIds}, by id (unknown ids are absent). */
    public Map<String, DecisionTarget> decisionTargets(Collection<String> commentIds) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_TARGETS)) {
            ps.setArray(1, textArray(conn, commentIds));
            Map<String, DecisionTarget> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("comment_id"), new DecisionTarget(rs.getString("comment_id"),
                            rs.getString("article_id"), strings(rs.getArray("flags")), rs.getString("status")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the comments decided about", e);
        }
    }

    /** Articles, newest first, with their comment and queue counts. */
    public List<ArticleSummary> articles(int limit) {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_ARTICLES)) {
            ps.setInt(1, limit);
            List<ArticleSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArticleSummary(rs.getString("article_id"), rs.getString("title"),
                            rs.getLong("comments"), rs.getLong("queued")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list the articles", e);
        }
    }

    public Summary summary() {
        try (Connection conn = dataSource.getConnection(); Statement st = conn.createStatement()) {
            Map<String, Long> byStatus = new TreeMap<>();
            long queuedTotal;
            try (ResultSet rs = st.executeQuery(SUMMARY_STATUS)) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery(COUNT_QUEUED)) {
                rs.next();
                queuedTotal = rs.getLong(1);
            }
            Map<String, Long> raised = new TreeMap<>();
            Map<String, Long> queued = new TreeMap<>();
            Map<String, Long> dismissed = new TreeMap<>();
            try (ResultSet rs = st.executeQuery(SUMMARY_FLAGS)) {
                while (rs.next()) {
                    raised.put(rs.getString("flag"), rs.getLong("raised"));
                    queued.put(rs.getString("flag"), rs.getLong("queued"));
                    dismissed.put(rs.getString("flag"), rs.getLong("dismissed"));
                }
            }
            return new Summary(byStatus, queuedTotal, raised, queued, dismissed);
        } catch (SQLException e) {
            throw new StoreException("cannot count the comments", e);
        }
    }

    /** True when a connection can be had and answers within a second. */
    public boolean reachable() {
        try (Connection conn = dataSource.getConnection()) {
            return conn.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static StoredComment comment(ResultSet rs) throws SQLException {
        return new StoredComment(
                rs.getString("comment_id"),
                rs.getString("article_id"),
                rs.getString("parent_id"),
                rs.getString("author"),
                rs.getString("title"),
                rs.getString("body"),
                instant(rs, "posted_at"),
                strings(rs.getArray("flags")),
                rs.getString("duplicate_of"),
                scores(rs.getString("scores")),
                strings(rs.getArray("reasons")),
                rs.getString("detector_version"),
                instant(rs, "judged_at"),
                rs.getString("status"),
                strings(rs.getArray("queue_flags")),
                strings(rs.getArray("teams")),
                strings(rs.getArray("dismissed_flags")),
                rs.getString("decision_reason"));
    }

    private static Map<String, Double> scores(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, SCORES);
        } catch (JsonProcessingException e) {
            throw new SQLException("scores column holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
