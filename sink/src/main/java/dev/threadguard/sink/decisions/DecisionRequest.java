package dev.threadguard.sink.decisions;

import dev.threadguard.contract.DecisionAction;

/**
 * One decision as the page (or any client) sends it to {@code POST /api/decisions}.
 *
 * @param decisionId optional; a client that retries a request sends the same id, and the decision is applied once
 * @param moderator ignored: the decision is recorded under the session's user (see {@link ModeratorIdentity})
 */
public record DecisionRequest(String decisionId, String commentId, DecisionAction action, String reason,
        String moderator) {
}
