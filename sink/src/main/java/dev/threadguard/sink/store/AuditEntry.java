package dev.threadguard.sink.store;

import java.time.Instant;

/** One applied decision: who decided what about which comment, when, why, and the status before and after. */
public record AuditEntry(
        String decisionId,
        String commentId,
        String articleId,
        String moderator,
        String action,
        String reason,
        String fromStatus,
        String toStatus,
        Instant decidedAt,
        Instant appliedAt) {
}
