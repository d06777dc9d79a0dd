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
 */
public record OffTopicFinding(double score, double relatedness, String reason, boolean abstained) {
    public OffTopicFinding(double score, double relatedness, String reason) {
        this(score, relatedness, reason, false);
    }

    static OffTopicFinding abstain(double score, String reason) {
        return new OffTopicFinding(score, 0.0, reason, true);
    }
}
