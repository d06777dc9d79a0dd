package dev.threadguard.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A comment submission. Keyed by {@code articleId} on Kafka so that a whole thread stays in one
 * partition, in posting order. {@code parentId} is null for a top-level comment. {@code site} is the site whose
 * key the ingest API authenticated (stamped by ingest, never taken from a request body); null for records
 * produced straight to Kafka by other clients.
 */
public record Comment(
        String commentId,
        String articleId,
        String parentId,
        String author,
        String title,
        String body,
        Instant postedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String site) implements Event {

    /** A comment not stamped with a site. */
    public Comment(String commentId, String articleId, String parentId, String author, String title, String body,
                   Instant postedAt) {
        this(commentId, articleId, parentId, author, title, body, postedAt, null);
    }

    /** Title and body together: comment titles carry text on some sites ("Where was it?"). */
    public String fullText() {
        return title == null || title.isBlank() ? body : title + "\n" + body;
    }

    public Comment withPostedAt(Instant at) {
        return new Comment(commentId, articleId, parentId, author, title, body, at, site);
    }

    public Comment withSite(String siteName) {
        return new Comment(commentId, articleId, parentId, author, title, body, postedAt, siteName);
    }
}
