package dev.threadguard.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moderation stage's judgement of one comment. {@code scores} holds a score in [0, 1] per flag
 * (keyed by {@link Flag#scoreKey()}), whether or not the flag was raised; {@code reasons} are
 * sentences a moderator can read; {@code detectorVersion} makes a replay with new thresholds traceable.
 *
 * <p>{@code awaiting} names the flags whose judgement in this verdict is provisional: moderation measures them again
 * off the hot path (the off-topic check's transformer second opinion) and publishes a revised verdict for the same
 * comment, with the same key and so later on the same partition, which supersedes this one; the revision awaits
 * nothing. Empty (and left out of the JSON) for a final verdict. A consumer that keeps one verdict per comment keeps
 * the latest it read.
 */
public record Verdict(
        String commentId,
        String articleId,
        Set<Flag> flags,
        String duplicateOf,
        Map<String, Double> scores,
        List<String> reasons,
        String detectorVersion,
        Instant judgedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<Flag> awaiting) {

    public Verdict {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        awaiting = awaiting == null ? Set.of() : Set.copyOf(awaiting);
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A final verdict (awaiting nothing). */
    public Verdict(String commentId, String articleId, Set<Flag> flags, String duplicateOf, Map<String, Double> scores,
                   List<String> reasons, String detectorVersion, Instant judgedAt) {
        this(commentId, articleId, flags, duplicateOf, scores, reasons, detectorVersion, judgedAt, Set.of());
    }

    /** This verdict, provisional for {@code flags} (empty: final). */
    public Verdict awaiting(Set<Flag> flags) {
        return new Verdict(commentId, articleId, this.flags, duplicateOf, scores, reasons, detectorVersion, judgedAt,
                flags);
    }

    /** Whether a revised verdict for the same comment is still to come. */
    public boolean provisional() {
        return !awaiting.isEmpty();
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }
}
