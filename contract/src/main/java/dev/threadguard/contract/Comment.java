package dev.threadguard.contract;

import java.time.Instant;

/**
 * A comment submission. Keyed by {@code articleId} on Kafka so that a whole thread stays in one
 * partition, in posting order. {@code parentId} is null for a top-level comment.
 */
public record Comment(
        String commentId,
        String articleId,
        String parentId,
        String author,
        String title,
        String body,
        Instant postedAt) implements Event {

    /** Title and body together: comment titles carry text on some sites ("Where was it?"). */
    public String fullText() {
        return title == null || title.isBlank() ? body : title + "\n" + body;
    }

    public Comment withPostedAt(Instant at) {
        return new Comment(commentId, articleId, parentId, author, title, body, at);
    }
}
