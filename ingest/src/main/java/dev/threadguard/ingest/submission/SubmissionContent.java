package dev.threadguard.ingest.submission;

import dev.threadguard.contract.Comment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes two submissions under one {@code commentId} the same comment: article, parent, author, title and body,
 * compared as a 128-bit SHA-256 prefix. {@code postedAt} is left out, as moderation leaves it out: a client that
 * retries may stamp its retry anew, and it is still the same comment.
 */
public record SubmissionContent(long high, long low) {

    public static SubmissionContent of(Comment c) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String field : new String[] {c.articleId(), c.parentId(), c.author(), c.title(), c.body()}) {
            // Length-prefixed, and -1 for absent: ("ab", null) and ("a", "b") must differ.
            if (field == null) {
                sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
        }
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        return new SubmissionContent(digest.getLong(), digest.getLong());
    }
}
