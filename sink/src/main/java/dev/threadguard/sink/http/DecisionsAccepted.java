package dev.threadguard.sink.http;

import dev.threadguard.contract.Decision;
import java.util.List;

/**
 * The body of a 202 to {@code POST /api/decisions}: the decisions are on Kafka; the sink applies them
 * within moments (watch the queue, the thread or {@code GET /api/audit?commentId=...}).
 */
public record DecisionsAccepted(List<Decision> decisions) {
    public DecisionsAccepted {
        decisions = List.copyOf(decisions);
    }
}
