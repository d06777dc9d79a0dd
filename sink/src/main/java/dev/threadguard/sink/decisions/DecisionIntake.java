package dev.threadguard.sink.decisions;

import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.Violation;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the decisions a moderator sends into decision events and publishes them. All of a request
 * or none: every decision is checked against the stored comment before any is published. The sink's
 * consumer applies them when it reads them back, like decisions from any other producer.
 */
public final class DecisionIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionIntake.class);
    public static final int MAX_DECISIONS_PER_REQUEST = 500;

    private final CommentStore store;
    private final DecisionPublisher publisher;
    private final Clock clock;

    public DecisionIntake(CommentStore store, DecisionPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param moderatorOf names the moderator from a request's claimed name (throws IllegalArgumentException)
     * @return the decisions published, in request order
     * @throws DecisionsRefusedException naming each decision at fault; nothing was published
     * @throws DecisionsUnavailableException when Kafka did not take them; nothing was published
     */
    public List<Decision> take(List<DecisionRequest> requests, UnaryOperator<String> moderatorOf) {
        if (requests.isEmpty() || requests.size() > MAX_DECISIONS_PER_REQUEST) {
            throw new DecisionsRefusedException(List.of(new RequestError(0, "$",
                    "send between 1 and " + MAX_DECISIONS_PER_REQUEST + " decisions, got " + requests.size())));
        }
        Map<String, DecisionTarget> targets = store.decisionTargets(requests.stream()
                .map(DecisionRequest::commentId).filter(Objects::nonNull).distinct().toList());
        List<RequestError> errors = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Decision d = check(i, requests.get(i), targets, moderatorOf, errors);
            if (d != null && !ids.add(d.decisionId())) {
                errors.add(new RequestError(i, "decisionId", "is used twice in this request"));
            }
            decisions.add(d);
        }
        if (!errors.isEmpty()) {
            throw new DecisionsRefusedException(errors);
        }
        publisher.publish(decisions);
        for (Decision d : decisions) {
            LOG.info("published decision {}: {} commentId={} articleId={} by {}", d.decisionId(), d.action(),
                    d.commentId(), d.articleId(), d.moderator());
        }
        return decisions;
    }

    private Decision check(int index, DecisionRequest r, Map<String, DecisionTarget> targets,
            UnaryOperator<String> moderatorOf, List<RequestError> errors) {
        int before = errors.size();
        if (r == null) {
            errors.add(new RequestError(index, "$", "expected a decision object, got null"));
            return null;
        }
        String moderator = null;
        try {
            moderator = moderatorOf.apply(r.moderator());
        } catch (IllegalArgumentException e) {
            errors.add(new RequestError(index, "moderator", e.getMessage()));
        }
        DecisionTarget target = r.commentId() == null ? null : targets.get(r.commentId());
        if (r.commentId() != null && !r.commentId().isBlank() && target == null) {
            errors.add(new RequestError(index, "commentId", "no comment " + r.commentId() + " is stored"));
        }
        if (r.action() != null && r.action().isCorrection() && target != null
                && !target.flags().contains(r.action().corrects().name())) {
            errors.add(new RequestError(index, "action", "comment " + r.commentId() + " was not flagged "
                    + r.action().corrects().name() + ", so " + r.action() + " corrects nothing"));
        }
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        Decision d = new Decision(r.decisionId() == null ? UUID.randomUUID().toString() : r.decisionId(),
                r.commentId(), target == null ? "unknown" : target.articleId(), r.action(), reason,
                moderator == null ? "unknown" : moderator, clock.instant());
        for (Violation v : d.violations()) {
            if (v.field().equals("action")) {
                errors.add(new RequestError(index, "action", "is required, one of " + List.of(DecisionAction.values())));
            } else if (!v.field().equals("moderator")) {
                errors.add(new RequestError(index, v.field(), v.message()));
            }
        }
        return errors.size() == before ? d : null;
    }
}
