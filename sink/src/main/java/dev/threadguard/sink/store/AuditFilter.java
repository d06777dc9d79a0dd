package dev.threadguard.sink.store;

import java.time.Instant;

/** Which audit entries to list; every part is optional (null). {@code from} inclusive, {@code to} exclusive. */
public record AuditFilter(String moderator, String commentId, String articleId, Instant from, Instant to) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}
