package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.DeadLetter;

/**
 * A comment id that arrives again with other content (article, parent, author, title or body) than the comment
 * already judged or held under it: the first stays, and the record at hand goes to the dead-letter topic through
 * the processing exception handler, with the code {@link #CODE} and this message, which starts with it. Thrown
 * before any state is
 * changed. Ingest refuses most such resends with 409; these came past it (another instance, an id it no longer
 * remembers, or a producer writing to Kafka directly). No stack trace: it says everything there is to say.
 */
public final class ConflictingResendException extends RuntimeException {
    /** The dead letter's code ({@link DeadLetter.Code#COMMENT_ID_CONFLICT}), also at the start of its message. */
    public static final String CODE = DeadLetter.Code.COMMENT_ID_CONFLICT.wire();

    ConflictingResendException(Comment comment) {
        super(CODE + ": comment " + comment.commentId() + " of article " + comment.articleId()
                + " arrived again with other content than the comment already accepted under its id; the first is kept",
                null, false, false);
    }
}
