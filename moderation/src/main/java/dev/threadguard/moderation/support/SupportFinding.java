package dev.threadguard.moderation.support;

/**
 * What the support-request detector found.
 *
 * @param score     in [0, 1]
 * @param reason    the phrases that weighed most, or why the detector abstained; null when nothing is worth saying
 * @param abstained the text is in a language the detector has no cues for: the score is capped low, not judged
 */
public record SupportFinding(double score, String reason, boolean abstained) {
    public SupportFinding(double score, String reason) {
        this(score, reason, false);
    }
}
