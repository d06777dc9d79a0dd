package dev.threadguard.moderation.offtopic;

/**
 * What the off-topic detector found.
 *
 * @param score       in [0, 1]
 * @param relatedness share of the comment's specific content found in the article, its parent or the recent
 *                    thread, in [0, 1]
 * @param reason      a sentence for a moderator, or null when there is nothing worth saying
 * @param abstained   true when the comment was not judged for topic (another language than its article, no article
 *                    yet): the score is low by design and the reason says why, whatever the score
 * @param secondOpinion true when this finding was made without the transformer that the hybrid check would have
 *                      consulted ({@link OffTopicDetector#detectFirst}): provisional, to be judged again by
 *                      {@link OffTopicDetector#detect(dev.threadguard.contract.Comment, dev.threadguard.contract.Article,
 *                      dev.threadguard.contract.Comment, java.util.List, double, double)}
 */
public record OffTopicFinding(double score, double relatedness, String reason, boolean abstained,
                              boolean secondOpinion) {
    public OffTopicFinding(double score, double relatedness, String reason) {
        this(score, relatedness, reason, false, false);
    }

    static OffTopicFinding abstain(double score, String reason) {
        return new OffTopicFinding(score, 0.0, reason, true, false);
    }

    /** This finding, provisional when {@code wanted}. */
    OffTopicFinding secondOpinion(boolean wanted) {
        return wanted == secondOpinion ? this : new OffTopicFinding(score, relatedness, reason, abstained, wanted);
    }
}
