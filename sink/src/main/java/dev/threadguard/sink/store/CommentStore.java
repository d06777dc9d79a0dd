package dev.threadguard.sink.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** All of the sink's SQL: writes from the consumer, reads for the HTTP API. Plain JDBC. */
public final class CommentStore {
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
            c.flags, c.duplicate_of, c.scores, c.reasons, c.detector_version, c.judged_at""";

    private static final String SELECT_THREAD = """
            SELECT %s
            FROM comments c
            WHERE c.article_id = ?
            ORDER BY c.posted_at, c.comment_id
            """.formatted(COMMENT_COLUMNS);

    /*
     * Keyset pagination over the partial index comments_review_queue_idx (its predicate is repeated
     * here). Without a cursor the position starts before every row: comment ids are never empty.
     * Without a flag filter, "flags && <every flag>" holds for every flagged comment.
     */
    private static final String SELECT_REVIEW_QUEUE = """
            SELECT %s, a.title AS article_title
            FROM comments c
            LEFT JOIN articles a ON a.article_id = c.article_id
            WHERE cardinality(c.flags) > 0
              AND c.flags && ?
              AND (c.posted_at, c.comment_id) > (COALESCE(?, '-infinity'::timestamptz), COALESCE(?, ''))
            ORDER BY c.posted_at, c.comment_id
            LIMIT ?
            """.formatted(COMMENT_COLUMNS);

    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public CommentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the changes in order, all or nothing. */
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                for (Change change : changes) {
                    write(conn, change);
                }
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(conn, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + changes.size() + " records", e);
        }
    }

    private static void write(Connection conn, Change change) throws SQLException {
        // Java 17: no pattern matching in switch yet.
        if (change instanceof Change.ArticleUpsert up) {
            upsertArticle(conn, up);
        } else if (change instanceof Change.ArticleDeletion del) {
            try (PreparedStatement ps = conn.prepareStatement(DELETE_ARTICLE)) {
                ps.setString(1, del.articleId());
                ps.executeUpdate();
            }
        } else if (change instanceof Change.CommentUpsert up) {
            upsertComment(conn, up);
        }
    }

    private static void upsertArticle(Connection conn, Change.ArticleUpsert up) throws SQLException {
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
            ps.executeUpdate();
        }
    }

    private static void upsertComment(Connection conn, Change.CommentUpsert up) throws SQLException {
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
            ps.executeUpdate();
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
     * Flagged comments after {@code after}, oldest first.
     *
     * @param flag only comments with this flag, or every flagged comment when null
     * @param after the {@link ReviewPage#next()} of the previous page, or null for the first page
     */
    public ReviewPage reviewQueue(Flag flag, ReviewCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        List<String> wanted = flag == null
                ? Arrays.stream(Flag.values()).map(Flag::name).toList()
                : List.of(flag.name());
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(SELECT_REVIEW_QUEUE)) {
            ps.setArray(1, textArray(conn, wanted));
            ps.setObject(2, after == null ? null : timestamp(after.postedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(3, after == null ? null : after.commentId());
            // One more than asked tells whether there is a next page without a count query.
            ps.setInt(4, limit + 1);
            List<ReviewItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(ReviewItem.of(comment(rs), rs.getString("article_title")));
                }
            }
            if (items.size() <= limit) {
                return new ReviewPage(items, null);
            }
            List<ReviewItem> page = items.subList(0, limit);
            return new ReviewPage(page, page.get(limit - 1).position());
        } catch (SQLException e) {
            throw new StoreException("cannot read the review queue", e);
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
                instant(rs, "judged_at"));
    }

    private static Map<String, Double> scores(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, SCORES);
        } catch (JsonProcessingException e) {
            throw new SQLException("scores column holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Array textArray(Connection conn, List<String> values) throws SQLException {
        return conn.createArrayOf("text", values.toArray(String[]::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void rollbackQuietly(Connection conn, Exception cause) {
        try {
            conn.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
