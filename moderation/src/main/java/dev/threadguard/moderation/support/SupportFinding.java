package dev.threadguard.moderation.support;

/**
 * What the support-request detector found.
 *
 * @param score     in [0, 1]
 * @param reason    the phrases that weighed most, or why the detector abstained; null when nothing is worth saying
 * @param abstained the text is in a language the detector has no cues for: the score is capped low, not judged
 * @param cueScore  the score of the model without meaning ({@link LinearSupportModel#bundledCues}), in [0, 1]: how
 *                  much the phrasing reads as a request, which the off-topic model weighs
 */
public record SupportFinding(double score, String reason, boolean abstained, double cueScore) {
    public SupportFinding(double score, String reason, boolean abstained) {
        this(score, reason, abstained, score);
    }

    public SupportFinding(double score, String reason) {
        this(score, reason, false);
    }
}
