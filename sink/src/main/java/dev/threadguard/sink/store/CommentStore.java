package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.instant;
import static dev.threadguard.sink.store.Sql.strings;
import static dev.threadguard.sink.store.Sql.textArray;
import static dev.threadguard.sink.store.Sql.timestamp;

import dev.threadguard.contract.Flag;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's comments: the consumer's batch writes ({@link BatchWrites}, {@link DecisionAudit}, through Jdbi) and
 * the HTTP API's reads of the {@code comments} view, where each comment's status is derived from its verdict, its
 * decisions and the policy (migration V5).
 */
public final class CommentStore {
    private static final Logger LOG = LoggerFactory.getLogger(CommentStore.class);
    private static final String SELECT_ARTICLE = """
            SELECT article_id, title, body, url, tags, published_at, updated_at
            FROM articles
            WHERE article_id = ?
            """;

    private static final String SELECT_THREAD = """
            SELECT %s
            FROM comments c
            WHERE c.article_id = ?
            ORDER BY c.posted_at, c.comment_id
            """.formatted(CommentRows.COLUMNS);

    private static final String SELECT_TARGETS = """
            SELECT comment_id, article_id, flags, status FROM comments WHERE comment_id = ANY(?)
            """;

    private static final String SELECT_ARTICLES = """
            SELECT a.article_id, a.title,
                   (SELECT count(*) FROM comments c WHERE c.article_id = a.article_id) AS comments,
                   (SELECT count(*) FROM comments c WHERE c.article_id = a.article_id
                        AND cardinality(c.flags) > 0 AND c.decision IS NULL
                        AND cardinality(c.queue_flags) > 0) AS queued
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

    private static final String UPSERT_POLICY = """
            INSERT INTO flag_policies (flag, policy)
            SELECT * FROM unnest(:flags, :policies)
            ON CONFLICT (flag) DO UPDATE SET policy = EXCLUDED.policy WHERE flag_policies.policy <> EXCLUDED.policy
            """;

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final BatchWrites writes = new BatchWrites();
    private final DecisionAudit audit;
    private final WriteObserver observer;
    private final ReviewQueueReads queue;

    public CommentStore(DataSource dataSource, ModerationPolicy policy) {
        this(dataSource, policy, WriteObserver.NONE);
    }

    /**
     * Makes {@code policy} the one every status is derived with (the {@code flag_policies} table the
     * {@code comments} view reads: a few rows, no pass over the comments), so a changed policy applies to every
     * stored comment at once. {@code observer} hears of every write transaction: the sink's metrics.
     *
     * @throws StoreException when the database cannot be reached
     */
    public CommentStore(DataSource dataSource, ModerationPolicy policy, WriteObserver observer) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.audit = new DecisionAudit(policy);
        this.observer = observer;
        this.queue = new ReviewQueueReads(dataSource);
        usePolicy(policy);
    }

    private void usePolicy(ModerationPolicy policy) {
        List<String> flags = Arrays.stream(Flag.values()).map(Flag::name).toList();
        List<String> policies = Arrays.stream(Flag.values()).map(f -> policy.of(f).name()).toList();
        try {
            jdbi.useHandle(h -> h.createUpdate(UPSERT_POLICY).bindArray("flags", String.class, flags)
                    .bindArray("policies", String.class, policies).execute());
        } catch (JdbiException e) {
            throw StoreException.of("cannot record the moderation policy", e);
        }
        LOG.info("statuses derived with the policy {}", policy.byFlag());
    }

    /**
     * Applies the changes, all or nothing, in one transaction: one statement per table for the batch's facts
     * ({@link BatchWrites}), then the audit rows of decisions whose comment is now stored ({@link DecisionAudit}).
     * The outcome equals applying them one by one in order; applying them again changes nothing.
     *
     * @throws StoreException when the database refuses ({@link StoreException#rejectsData()}) or is unreachable
     */
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Tally tally = new Tally();
        try {
            jdbi.useTransaction(h -> {
                writes.write(h, changes, tally);
                audit.auditPending(h, tally);
            });
        } catch (JdbiException e) {
            observer.failed(since(start));
            throw StoreException.of("cannot store " + changes.size() + " records", e);
        } catch (RuntimeException e) {
            observer.failed(since(start));
            throw e;
        }
        observer.committed(tally.written(), since(start));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** How many comments wait for a moderator, in all and per flag. */
    public QueueSize queueSize() {
        return queue.size();
    }

    /**
     * Comments waiting for a moderator after {@code after}, oldest first.
     *
     * @param after the {@link ReviewPage#next()} of the previous page, or null for the first page
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    public ReviewPage reviewQueue(QueueFilter filter, ReviewCursor after, int limit) {
        return queue.page(filter, after, limit);
    }

    public ReviewPage reviewQueue(Flag flag, ReviewCursor after, int limit) {
        return queue.page(QueueFilter.flag(flag), after, limit);
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
                    out.add(CommentRows.comment(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the thread of article " + articleId, e);
        }
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
            try (ResultSet rs = st.executeQuery(ReviewQueueReads.COUNT_QUEUED)) {
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
}
