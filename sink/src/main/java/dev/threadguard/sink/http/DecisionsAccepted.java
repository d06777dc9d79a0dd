package dev.threadguard.sink.http;

import dev.threadguard.contract.Decision;
import java.util.List;

/**
 * The body of a 202 to {@code POST /api/decisions}, in request order: the decisions are on Kafka (new ones
 * published now; a resend of a decision taken before is echoed as first taken, with its {@code decidedAt}); the
 * sink applies them within moments (watch the queue, the thread or {@code GET /api/audit?commentId=...}).
 */
public record DecisionsAccepted(List<Decision> decisions) {
    public DecisionsAccepted {
        decisions = List.copyOf(decisions);
    }
}
