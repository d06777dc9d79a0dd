package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.BatchWrites.column;
import static dev.threadguard.sink.store.BatchWrites.time;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Verdict;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The verdicts of one batch ({@link BatchWrites}), the last per comment, as one multi-row upsert into
 * {@code comment_verdicts}, under BatchWrites' two guards ("IS DISTINCT FROM" and "newer").
 *
 * <p>A provisional verdict ({@link Verdict#provisional()}: {@code awaiting} names the flags moderation judges again)
 * is stored like any other, its {@code awaiting} with it. The revision that supersedes it has the same key, so it
 * comes later on the same partition: the "newer" guard lets it replace the provisional row, and keeps a replay of the
 * provisional record (an older offset) from bringing the provisional version back. Within one batch the revision is
 * simply the last change for the comment.
 */
final class VerdictUpserts {
    /* Flags and awaiting travel as one comma-separated string per row (flag names have no comma; arrays of arrays
     * cannot be unnested row by row; string_to_array('', ',') is the empty array), reasons as a JSON array (free text
     * may hold anything). */
    private static final String UPSERT_VERDICTS = """
            INSERT INTO comment_verdicts AS c (comment_id, article_id, parent_id, author, title, body, posted_at,
                                               flags, duplicate_of, scores, reasons, detector_version, judged_at,
                                               awaiting, source_partition, source_offset)
            SELECT r.comment_id, r.article_id, r.parent_id, r.author, r.title, r.body, r.posted_at::timestamptz,
                   string_to_array(r.flags, ','), r.duplicate_of, r.scores::jsonb,
                   ARRAY(SELECT jsonb_array_elements_text(r.reasons::jsonb)), r.detector_version,
                   r.judged_at::timestamptz, string_to_array(r.awaiting, ','), r.source_partition, r.source_offset
            FROM unnest(:ids, :articles, :parents, :authors, :titles, :bodies, :posted, :flags, :duplicates, :scores,
                        :reasons, :versions, :judged, :awaiting, :partitions, :offsets)
                AS r(comment_id, article_id, parent_id, author, title, body, posted_at, flags, duplicate_of, scores,
                     reasons, detector_version, judged_at, awaiting, source_partition, source_offset)
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
                awaiting = EXCLUDED.awaiting,
                updated_at = now(),
                source_partition = EXCLUDED.source_partition,
                source_offset = EXCLUDED.source_offset
            WHERE (c.article_id, c.parent_id, c.author, c.title, c.body, c.posted_at, c.flags, c.duplicate_of,
                   c.scores, c.reasons, c.detector_version, c.judged_at, c.awaiting)
                IS DISTINCT FROM
                  (EXCLUDED.article_id, EXCLUDED.parent_id, EXCLUDED.author, EXCLUDED.title, EXCLUDED.body,
                   EXCLUDED.posted_at, EXCLUDED.flags, EXCLUDED.duplicate_of, EXCLUDED.scores, EXCLUDED.reasons,
                   EXCLUDED.detector_version, EXCLUDED.judged_at, EXCLUDED.awaiting)
              AND (c.source_partition IS DISTINCT FROM EXCLUDED.source_partition OR EXCLUDED.source_offset > c.source_offset)
            RETURNING comment_id
            """;

    private VerdictUpserts() {
    }

    /** Writes one row per comment of {@code upserts} (at most one change per comment), counting the rows written. */
    static void upsert(Handle h, Collection<Change.CommentUpsert> upserts, Tally tally) {
        if (upserts.isEmpty()) {
            return;
        }
        List<Change.CommentUpsert> rows = List.copyOf(upserts);
        Function<Change.CommentUpsert, Comment> comment = u -> u.moderated().comment();
        Function<Change.CommentUpsert, Verdict> verdict = u -> u.moderated().verdict();
        h.createQuery(UPSERT_VERDICTS)
                .bindArray("ids", String.class, column(rows, u -> comment.apply(u).commentId()))
                .bindArray("articles", String.class, column(rows, u -> comment.apply(u).articleId()))
                .bindArray("parents", String.class, column(rows, u -> comment.apply(u).parentId()))
                .bindArray("authors", String.class, column(rows, u -> comment.apply(u).author()))
                .bindArray("titles", String.class, column(rows, u -> comment.apply(u).title()))
                .bindArray("bodies", String.class, column(rows, u -> comment.apply(u).body()))
                .bindArray("posted", String.class, column(rows, u -> time(u.postedAt())))
                .bindArray("flags", String.class, column(rows, u -> names(verdict.apply(u).flags())))
                .bindArray("duplicates", String.class, column(rows, u -> verdict.apply(u).duplicateOf()))
                .bindArray("scores", String.class, column(rows, u -> Json.writeString(verdict.apply(u).scores())))
                .bindArray("reasons", String.class, column(rows, u -> Json.writeString(verdict.apply(u).reasons())))
                .bindArray("versions", String.class, column(rows, u -> verdict.apply(u).detectorVersion()))
                .bindArray("judged", String.class, column(rows, u -> time(verdict.apply(u).judgedAt())))
                .bindArray("awaiting", String.class, column(rows, u -> names(verdict.apply(u).awaiting())))
                .bindArray("partitions", Integer.class, column(rows, Change::partition))
                .bindArray("offsets", Long.class, column(rows, Change::offset))
                .mapTo(String.class)
                .forEach(id -> tally.rows("comments", id, 1));
    }

    /** Enum order, so that the same set of flags is always the same array (the replay guard compares arrays). */
    static String names(Set<Flag> flags) {
        return flags.stream().sorted().map(Flag::name).collect(Collectors.joining(","));
    }
}
