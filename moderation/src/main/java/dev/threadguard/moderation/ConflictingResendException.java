package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;

/**
 * A comment id that arrives again with other content (article, parent, author, title or body) than the comment
 * already judged or held under it: the first stays, and the record at hand goes to the dead-letter topic through
 * the processing exception handler with the code {@code comment-id-conflict}
 * ({@link dev.threadguard.contract.DeadLetter.Code#COMMENT_ID_CONFLICT}) and this message, which starts with
 * {@link #CODE}. Thrown before any state is
 * changed. Ingest refuses most such resends with 409; these came past it (another instance, an id it no longer
 * remembers, or a producer writing to Kafka directly). No stack trace: it says everything there is to say.
 */
public final class ConflictingResendException extends RuntimeException {
    /** The error code a dead letter of this kind carries at the start of its message. */
    public static final String CODE = "comment-id-conflict";

    ConflictingResendException(Comment comment) {
        super(CODE + ": comment " + comment.commentId() + " of article " + comment.articleId()
                + " arrived again with other content than the comment already accepted under its id; the first is kept",
                null, false, false);
    }
}
