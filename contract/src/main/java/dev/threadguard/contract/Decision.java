package dev.threadguard.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A moderator's decision about one comment: the value on {@code moderation.decisions}, keyed by
 * commentId so that the decisions about one comment are applied in the order they were taken.
 *
 * @param decisionId unique per decision; consumers apply a decision once, however often it is read
 * @param articleId the comment's thread, for the audit trail's filters
 * @param reason required for {@link DecisionAction#REJECT} (a listed reason or free text); optional otherwise
 * @param moderator who decided: a name typed by the moderator today, an authenticated principal later
 * @param decidedAt when the decision was taken (set by the service that accepted it)
 */
public record Decision(
        String decisionId,
        String commentId,
        String articleId,
        DecisionAction action,
        String reason,
        String moderator,
        Instant decidedAt) {

    public static final int MAX_MODERATOR_LENGTH = 100;
    public static final int MAX_REASON_LENGTH = 1_000;

    /** The rules every producer and consumer of decisions applies; empty when the decision is valid. */
    public List<Violation> violations() {
        return violations(TimeRange.forRecords());
    }

    /**
     * The same rules, {@code decidedAt} checked against {@code range}. Ids and the moderator's name are one-line
     * text, the reason may hold line breaks ({@link TextRules}).
     */
    public List<Violation> violations(TimeRange range) {
        List<Violation> out = new ArrayList<>();
        id(out, "decisionId", decisionId);
        id(out, "commentId", commentId);
        id(out, "articleId", articleId);
        if (action == null) {
            out.add(new Violation("action", "is required"));
        }
        if (moderator == null || moderator.isBlank()) {
            out.add(new Violation("moderator", "is required and must not be blank"));
        } else if (moderator.length() > MAX_MODERATOR_LENGTH) {
            out.add(new Violation("moderator", "must be at most " + MAX_MODERATOR_LENGTH + " characters, got "
                    + moderator.length()));
        } else {
            TextRules.checkLine(out, "moderator", moderator);
        }
        if (action == DecisionAction.REJECT && (reason == null || reason.isBlank())) {
            out.add(new Violation("reason", "is required to reject a comment"));
        } else if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            out.add(new Violation("reason", "must be at most " + MAX_REASON_LENGTH + " characters, got "
                    + reason.length()));
        } else {
            TextRules.checkMultiline(out, "reason", reason);
        }
        if (decidedAt == null) {
            out.add(new Violation("decidedAt", "is required"));
        }
        range.check(out, "decidedAt", decidedAt);
        return out;
    }

    private static void id(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "is required and must not be blank"));
        } else if (value.length() > EventValidator.MAX_ID_LENGTH) {
            out.add(new Violation(field, "must be at most " + EventValidator.MAX_ID_LENGTH + " characters, got "
                    + value.length()));
        } else {
            TextRules.checkLine(out, field, value);
        }
    }
}
