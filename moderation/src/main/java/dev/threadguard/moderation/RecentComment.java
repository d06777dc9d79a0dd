package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import java.time.Instant;

/**
 * One recent comment of an author or a story ({@link DuplicateScope#commentsStore}, binary
 * {@link StateSerdes#RECENT}): enough to confirm an LSH candidate with the exact measure and to name it in a reason.
 *
 * @param sequence   its place in the key's history; the store key holds it modulo the bound
 * @param postedAtMs the comment's record (event) time, against which the retention window is measured
 * @param finding    what the cross-thread check found for it, given again when the same comment is delivered again
 * @param postedAt   the comment's own postedAt, which decides which of two copies is the original; null when it had
 *                   none, which then go by {@code postedAtMs}
 */
public record RecentComment(long sequence, String commentId, String articleId, String author, String title,
                            String body, long postedAtMs, DuplicateFinding finding, Instant postedAt) {

    static RecentComment of(long sequence, Comment comment, long timestamp, DuplicateFinding finding) {
        return new RecentComment(sequence, comment.commentId(), comment.articleId(), comment.author(), comment.title(),
                comment.body(), timestamp, finding, comment.postedAt());
    }

    /**
     * The comment as the duplicate detector compares it, under the given author name (the spelling of the author
     * being checked, in the author scope, so that the names match exactly).
     */
    Comment toComment(String author) {
        return new Comment(commentId, articleId, null, author, title, body,
                postedAt != null ? postedAt : Instant.ofEpochMilli(postedAtMs));
    }
}
