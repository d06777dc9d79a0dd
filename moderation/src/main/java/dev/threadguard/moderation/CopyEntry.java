package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.duplicate.CopySignature;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import java.time.Instant;

/**
 * One comment in the global copy search ({@link ModerationTopology#GLOBAL_COPIES_STORE} value, binary
 * {@link StateSerdes#COPY_ENTRY}): no text, only what names the comment in a reason and its copy signature, which
 * is compared with a new comment's on its own ({@link DuplicateDetector#detectSigned}). About 100 to 280 bytes.
 *
 * @param postedAtMs the comment's postedAt (epoch ms): which of two copies is the original goes by it
 * @param signature  {@link CopySignature#toBytes()} of the signature without its band hashes
 */
record CopyEntry(String commentId, String articleId, String author, long postedAtMs, byte[] signature) {

    static CopyEntry of(Comment comment, CopySignature signature, long timestamp) {
        long postedAt = comment.postedAt() != null ? comment.postedAt().toEpochMilli() : timestamp;
        return new CopyEntry(comment.commentId(), comment.articleId(), comment.author(), postedAt,
                signature.withoutBands().toBytes());
    }

    /**
     * As the duplicate detector compares it.
     *
     * @throws IllegalArgumentException when the signature bytes are of an unknown version or cut short
     */
    DuplicateDetector.Candidate candidate() {
        return new DuplicateDetector.Candidate(commentId, articleId, author, Instant.ofEpochMilli(postedAtMs),
                CopySignature.fromBytes(signature));
    }
}
