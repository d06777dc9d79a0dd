package dev.threadguard.sink.decisions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.DecisionAction;
import dev.threadguard.contract.EventValidator;
import dev.threadguard.contract.Violation;
import dev.threadguard.sink.store.CommentStore;
import dev.threadguard.sink.store.DecisionStore;
import dev.threadguard.sink.store.DecisionTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the decisions a moderator sends into decision events and publishes them. All of a request
 * or none: every decision is checked against the stored comment before any is published. The sink's
 * consumer applies them when it reads them back, like decisions from any other producer.
 *
 * <p>A {@code decisionId} names one decision: sent again with the same content (comment, action, reason,
 * moderator) it is an idempotent resend, answered with the decision first taken and not published again; sent
 * with other content it is refused as a conflict. Ids are looked up in the decisions table and in the ids this
 * instance published that the consumer may not have stored yet (a bounded cache: another sink instance's
 * unstored ids, or ids older than the cache, are only found once stored).
 */
public final class DecisionIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionIntake.class);
    public static final int MAX_DECISIONS_PER_REQUEST = 500;
    /** How many published ids are remembered until the consumer has stored them; each entry is ~1 KB at most. */
    static final int RECENT_IDS = 50_000;

    private final CommentStore store;
    private final DecisionStore decisions;
    private final DecisionPublisher publisher;
    private final Clock clock;
    private final Cache<String, Decision> published = Caffeine.newBuilder()
            .maximumSize(RECENT_IDS)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    public DecisionIntake(CommentStore store, DecisionStore decisions, DecisionPublisher publisher, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param moderatorOf names the moderator from a request's claimed name (throws IllegalArgumentException)
     * @return the decisions of the request, in request order: each as published now, or, for a resend, as first
     *         taken
     * @throws DecisionsRefusedException naming each decision at fault; nothing was published
     * @throws DecisionConflictException naming each decision whose id is taken by another decision; nothing was
     *         published
     * @throws DecisionsUnavailableException when Kafka did not take them; nothing was published
     */
    public List<Decision> take(List<DecisionRequest> requests, UnaryOperator<String> moderatorOf) {
        if (requests.isEmpty() || requests.size() > MAX_DECISIONS_PER_REQUEST) {
            throw new IllegalArgumentException("send between 1 and " + MAX_DECISIONS_PER_REQUEST
                    + " decisions, got " + requests.size());
        }
        // Only ids the contract allows reach SQL: a NUL would make the database refuse the whole query.
        Map<String, DecisionTarget> targets = store.decisionTargets(requests.stream().filter(Objects::nonNull)
                .map(DecisionRequest::commentId).filter(DecisionIntake::isId).distinct().toList());
        List<RequestError> errors = new ArrayList<>();
        List<Decision> checked = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            checked.add(check(i, requests.get(i), targets, moderatorOf, errors));
        }
        if (!errors.isEmpty()) {
            throw new DecisionsRefusedException(errors);
        }
        refuseReuseWithinRequest(checked);
        // One request at a time from here: two requests reusing one id must not both pass the check.
        synchronized (this) {
            Map<String, Decision> earlier = earlier(checked);
            List<RequestError> conflicts = new ArrayList<>();
            List<Decision> answer = new ArrayList<>();
            Map<String, Decision> fresh = new LinkedHashMap<>();
            for (int i = 0; i < checked.size(); i++) {
                Decision d = checked.get(i);
                Decision before = earlier.get(d.decisionId());
                if (before == null) {
                    fresh.putIfAbsent(d.decisionId(), d);
                    answer.add(fresh.get(d.decisionId()));
                } else if (sameContent(before, d)) {
                    answer.add(before);
                } else {
                    conflicts.add(RequestError.malformed(i, "decisionId", "decisionId " + d.decisionId() + " was already "
                            + "used for " + describe(before) + "; send another decision with a new decisionId"));
                }
            }
            if (!conflicts.isEmpty()) {
                throw new DecisionConflictException(conflicts);
            }
            if (!fresh.isEmpty()) {
                publisher.publish(List.copyOf(fresh.values()));
                fresh.values().forEach(d -> published.put(d.decisionId(), d));
            }
            for (Decision d : fresh.values()) {
                LOG.info("published decision {}: {} commentId={} articleId={} by {}", d.decisionId(), d.action(),
                        d.commentId(), d.articleId(), d.moderator());
            }
            if (fresh.size() < answer.size()) {
                LOG.debug("{} of {} decisions were resends of decisions taken before; not published again",
                        answer.size() - fresh.size(), answer.size());
            }
            return answer;
        }
    }

    /** Two decisions of one request with one id: the same decision sent twice is taken once; else a conflict. */
    private static void refuseReuseWithinRequest(List<Decision> checked) {
        Map<String, Integer> firstAt = new HashMap<>();
        List<RequestError> conflicts = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Decision d = checked.get(i);
            Integer first = firstAt.putIfAbsent(d.decisionId(), i);
            if (first != null && !sameContent(checked.get(first), d)) {
                String message = "decisionId " + d.decisionId() + " is used at [" + first + "] and [" + i
                        + "] for different decisions; give each decision its own id";
                conflicts.add(RequestError.malformed(first, "decisionId", message));
                conflicts.add(RequestError.malformed(i, "decisionId", message));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new DecisionConflictException(conflicts);
        }
    }

    /** The decisions taken before under the ids of {@code checked}: published by this instance, or stored. */
    private Map<String, Decision> earlier(List<Decision> checked) {
        Map<String, Decision> out = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Decision d : checked) {
            Decision cached = published.getIfPresent(d.decisionId());
            if (cached != null) {
                out.put(d.decisionId(), cached);
            } else {
                unknown.add(d.decisionId());
            }
        }
        if (!unknown.isEmpty()) {
            out.putAll(decisions.decisions(unknown.stream().distinct().toList()));
        }
        return out;
    }

    /** Same comment, action, reason and moderator: when it was taken and which article it names do not count. */
    static boolean sameContent(Decision a, Decision b) {
        return a.commentId().equals(b.commentId()) && a.action() == b.action()
                && Objects.equals(a.reason(), b.reason()) && a.moderator().equals(b.moderator());
    }

    private static String describe(Decision d) {
        return d.action() + " of comment " + d.commentId() + " by " + d.moderator();
    }

    private static boolean isId(String value) {
        return value != null && !value.isBlank() && value.length() <= EventValidator.MAX_ID_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    private Decision check(int index, DecisionRequest r, Map<String, DecisionTarget> targets,
            UnaryOperator<String> moderatorOf, List<RequestError> errors) {
        int before = errors.size();
        if (r == null) {
            errors.add(RequestError.malformed(index, "", "expected a decision object, got null"));
            return null;
        }
        String moderator = null;
        try {
            moderator = moderatorOf.apply(r.moderator());
        } catch (IllegalArgumentException e) {
            errors.add(RequestError.malformed(index, "moderator", e.getMessage()));
        }
        DecisionTarget target = r.commentId() == null ? null : targets.get(r.commentId());
        if (isId(r.commentId()) && target == null) {
            errors.add(RequestError.unprocessable(index, "commentId", "no comment " + r.commentId() + " is stored"));
        }
        if (r.action() != null && r.action().isCorrection() && target != null
                && !target.flags().contains(r.action().corrects().name())) {
            errors.add(RequestError.unprocessable(index, "action", "comment " + r.commentId() + " was not flagged "
                    + r.action().corrects().name() + ", so " + r.action() + " corrects nothing"));
        }
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        Decision d = new Decision(r.decisionId() == null ? UUID.randomUUID().toString() : r.decisionId(),
                r.commentId(), target == null ? "unknown" : target.articleId(), r.action(), reason,
                moderator == null ? "unknown" : moderator, clock.instant());
        for (Violation v : d.violations()) {
            if (v.field().equals("action")) {
                errors.add(RequestError.malformed(index, "action", "is required, one of " + List.of(DecisionAction.values())));
            } else if (!v.field().equals("moderator")) {
                errors.add(RequestError.malformed(index, v.field(), v.message()));
            }
        }
        return errors.size() == before ? d : null;
    }
}
