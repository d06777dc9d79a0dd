package dev.threadguard.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moderation stage's judgement of one comment. {@code scores} holds a score in [0, 1] per flag
 * (keyed by {@link Flag#scoreKey()}), whether or not the flag was raised; {@code reasons} are
 * sentences a moderator can read; {@code detectorVersion} makes a replay with new thresholds traceable.
 */
public record Verdict(
        String commentId,
        String articleId,
        Set<Flag> flags,
        String duplicateOf,
        Map<String, Double> scores,
        List<String> reasons,
        String detectorVersion,
        Instant judgedAt) {

    public Verdict {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }
}
