package dev.threadguard.sink.store;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The pipeline's facts of one batch, one statement per table: articles, verdicts ({@link VerdictUpserts}) and
 * decisions are each written by a single multi-row upsert over arrays bound as parameters
 * ({@code INSERT ... SELECT FROM unnest(...)}), then the
 * decided comments' summaries are recomputed from the decisions table in one more statement. Nothing here reads or
 * locks a comment row: statuses are derived by the {@code comments} view (migration V5).
 *
 * <p>Within a batch the last change per article or comment wins (one statement cannot write a row twice), which
 * leaves what applying the changes one by one would. Two guards make a replay change nothing: "IS DISTINCT FROM"
 * (an identical record neither rewrites the row nor moves updated_at, and the source offsets keep pointing at the
 * record the stored version was first read from) and "newer" (a record older, in its partition, than the one the
 * stored version came from is a replay of history: a verdict revised since must not go back to its first version,
 * even for a moment, when the topic is read again).
 */
final class BatchWrites {
    private static final String UPSERT_ARTICLES = """
            INSERT INTO articles AS a (article_id, title, body, url, tags, published_at, source_partition,
                                       source_offset)
            SELECT r.article_id, r.title, r.body, r.url, ARRAY(SELECT jsonb_array_elements_text(r.tags::jsonb)),
                   r.published_at::timestamptz, r.source_partition, r.source_offset
            FROM unnest(:ids, :titles, :bodies, :urls, :tags, :published, :partitions, :offsets)
                AS r(article_id, title, body, url, tags, published_at, source_partition, source_offset)
            ON CONFLICT (article_id) DO UPDATE SET
                title = EXCLUDED.title,
                body = EXCLUDED.body,
                url = EXCLUDED.url,
                tags = EXCLUDED.tags,
                published_at = EXCLUDED.published_at,
                updated_at = now(),
                source_partition = EXCLUDED.source_partition,
                source_offset = EXCLUDED.source_offset
            WHERE (a.title, a.body, a.url, a.tags, a.published_at)
                IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.url, EXCLUDED.tags, EXCLUDED.published_at)
              AND (a.source_partition IS DISTINCT FROM EXCLUDED.source_partition OR EXCLUDED.source_offset > a.source_offset)
            RETURNING article_id
            """;

    private static final String DELETE_ARTICLES = "DELETE FROM articles WHERE article_id = ANY(:ids) RETURNING article_id";

    /** Every decision read, once: the primary key makes a re-read a no-op. */
    private static final String INSERT_DECISIONS = """
            INSERT INTO decisions (decision_id, comment_id, article_id, action, corrects, reason, moderator,
                                   decided_at, source_partition, source_offset)
            SELECT r.decision_id, r.comment_id, r.article_id, r.action, r.corrects, r.reason, r.moderator,
                   r.decided_at::timestamptz, r.source_partition, r.source_offset
            FROM unnest(:ids, :comments, :articles, :actions, :corrects, :reasons, :moderators, :decided,
                        :partitions, :offsets)
                AS r(decision_id, comment_id, article_id, action, corrects, reason, moderator, decided_at,
                     source_partition, source_offset)
            ON CONFLICT (decision_id) DO NOTHING
            RETURNING decision_id, comment_id
            """;

    /*
     * What a comment's decisions add up to, from the facts alone: the latest approve/reject in Kafka order (one
     * comment's decisions share a partition: they are keyed by comment id) and every flag a correction dismissed.
     * Recomputed rather than updated, so the order in which decisions and verdicts arrive does not matter.
     */
    private static final String RECOMPUTE_DECIDED = """
            INSERT INTO comment_decisions AS cd (comment_id, decision, decision_reason, decided_by, decided_at,
                                                 dismissed_flags)
            SELECT ids.comment_id, latest.decision, latest.reason, latest.moderator, latest.decided_at,
                   COALESCE((SELECT array_agg(DISTINCT d.corrects ORDER BY d.corrects) FROM decisions d
                             WHERE d.comment_id = ids.comment_id AND d.corrects IS NOT NULL), '{}')
            FROM unnest(:ids) AS ids(comment_id)
            LEFT JOIN LATERAL (
                SELECT CASE d.action WHEN 'APPROVE' THEN 'APPROVED' ELSE 'REJECTED' END AS decision,
                       d.reason, d.moderator, d.decided_at
                FROM decisions d
                WHERE d.comment_id = ids.comment_id AND d.action IN ('APPROVE', 'REJECT')
                ORDER BY d.source_partition DESC, d.source_offset DESC
                LIMIT 1) latest ON true
            ON CONFLICT (comment_id) DO UPDATE SET
                decision = EXCLUDED.decision,
                decision_reason = EXCLUDED.decision_reason,
                decided_by = EXCLUDED.decided_by,
                decided_at = EXCLUDED.decided_at,
                dismissed_flags = EXCLUDED.dismissed_flags
            WHERE (cd.decision, cd.decision_reason, cd.decided_by, cd.decided_at, cd.dismissed_flags)
                IS DISTINCT FROM (EXCLUDED.decision, EXCLUDED.decision_reason, EXCLUDED.decided_by,
                                  EXCLUDED.decided_at, EXCLUDED.dismissed_flags)
            RETURNING comment_id
            """;

    /*
     * Instants as ISO text PostgreSQL parses (an explicit +00:00 offset, so the session's time zone plays no part);
     * the year unsigned and unpadded beyond four digits, since PostgreSQL refuses Java's "+10000" form and
     * StorableTime keeps every stored instant within years 1 to 294276.
     */
    private static final DateTimeFormatter PG_TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NOT_NEGATIVE)
            .appendPattern("-MM-dd HH:mm:ss.SSSSSSSSS'+00:00'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    /** The decisions this batch added (re-reads excluded), as (decision id, comment id). */
    record Inserted(String decisionId, String commentId) {
    }

    /**
     * Writes the batch's facts.
     *
     * @return the decisions inserted by this batch (a re-read decision is not among them)
     */
    List<Inserted> write(Handle h, List<Change> changes, Tally tally) {
        Map<String, Change> lastPerArticle = new LinkedHashMap<>();
        Map<String, Change.CommentUpsert> lastPerComment = new LinkedHashMap<>();
        Map<String, Change.DecisionTaken> firstPerDecision = new LinkedHashMap<>();
        for (Change change : changes) {
            // Java 17: no pattern matching in switch yet.
            if (change instanceof Change.ArticleUpsert up) {
                lastPerArticle.remove(up.article().articleId());
                lastPerArticle.put(up.article().articleId(), up);
            } else if (change instanceof Change.ArticleDeletion del) {
                lastPerArticle.remove(del.articleId());
                lastPerArticle.put(del.articleId(), del);
            } else if (change instanceof Change.CommentUpsert up) {
                lastPerComment.put(up.moderated().comment().commentId(), up);
            } else if (change instanceof Change.DecisionTaken taken) {
                firstPerDecision.putIfAbsent(taken.decision().decisionId(), taken);
            }
        }
        List<Change.ArticleUpsert> upserts = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        for (Change c : lastPerArticle.values()) {
            if (c instanceof Change.ArticleUpsert up) {
                upserts.add(up);
            } else {
                deletions.add(((Change.ArticleDeletion) c).articleId());
            }
        }
        upsertArticles(h, upserts, tally);
        if (!deletions.isEmpty()) {
            h.createQuery(DELETE_ARTICLES).bindArray("ids", String.class, deletions).mapTo(String.class)
                    .forEach(id -> tally.rows("articles", id, 1));
        }
        VerdictUpserts.upsert(h, lastPerComment.values(), tally);
        return insertDecisions(h, firstPerDecision.values(), tally);
    }

    private static void upsertArticles(Handle h, List<Change.ArticleUpsert> upserts, Tally tally) {
        if (upserts.isEmpty()) {
            return;
        }
        h.createQuery(UPSERT_ARTICLES)
                .bindArray("ids", String.class, column(upserts, u -> u.article().articleId()))
                .bindArray("titles", String.class, column(upserts, u -> u.article().title()))
                .bindArray("bodies", String.class, column(upserts, u -> u.article().body()))
                .bindArray("urls", String.class, column(upserts, u -> u.article().url()))
                .bindArray("tags", String.class, column(upserts, u -> Json.writeString(tags(u.article()))))
                .bindArray("published", String.class, column(upserts, u -> time(u.article().publishedAt())))
                .bindArray("partitions", Integer.class, column(upserts, Change::partition))
                .bindArray("offsets", Long.class, column(upserts, Change::offset))
                .mapTo(String.class)
                .forEach(id -> tally.rows("articles", id, 1));
    }

    private static List<String> tags(Article a) {
        return a.tags() == null ? List.of() : a.tags();
    }

    private static List<Inserted> insertDecisions(Handle h, Collection<Change.DecisionTaken> taken, Tally tally) {
        if (taken.isEmpty()) {
            return List.of();
        }
        List<Change.DecisionTaken> rows = List.copyOf(taken);
        Function<Change.DecisionTaken, Decision> d = Change.DecisionTaken::decision;
        List<Inserted> inserted = h.createQuery(INSERT_DECISIONS)
                .bindArray("ids", String.class, column(rows, t -> d.apply(t).decisionId()))
                .bindArray("comments", String.class, column(rows, t -> d.apply(t).commentId()))
                .bindArray("articles", String.class, column(rows, t -> d.apply(t).articleId()))
                .bindArray("actions", String.class, column(rows, t -> d.apply(t).action().name()))
                .bindArray("corrects", String.class, column(rows, t -> d.apply(t).action().isCorrection()
                        ? d.apply(t).action().corrects().name() : null))
                .bindArray("reasons", String.class, column(rows, t -> d.apply(t).reason()))
                .bindArray("moderators", String.class, column(rows, t -> d.apply(t).moderator()))
                .bindArray("decided", String.class, column(rows, t -> time(d.apply(t).decidedAt())))
                .bindArray("partitions", Integer.class, column(rows, Change::partition))
                .bindArray("offsets", Long.class, column(rows, Change::offset))
                .map((rs, ctx) -> new Inserted(rs.getString("decision_id"), rs.getString("comment_id")))
                .list();
        if (inserted.isEmpty()) {
            return inserted;
        }
        inserted.forEach(i -> tally.rows("decisions", i.decisionId(), 1));
        // A decision about a comment not stored yet counts too: the view shows it once the verdict comes.
        TreeSet<String> decided = inserted.stream().map(Inserted::commentId).collect(Collectors.toCollection(TreeSet::new));
        h.createQuery(RECOMPUTE_DECIDED).bindArray("ids", String.class, List.copyOf(decided)).mapTo(String.class)
                .forEach(id -> tally.rows("comment_decisions", id, 1));
        return inserted;
    }

    static <T, V> List<V> column(List<T> rows, Function<T, V> value) {
        List<V> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            out.add(value.apply(row));
        }
        return out;
    }

    static String time(Instant instant) {
        return instant == null ? null : PG_TIME.format(instant);
    }
}
