package dev.threadguard.moderation.offtopic;

/**
 * What the off-topic detector found.
 *
 * @param score       in [0, 1]
 * @param relatedness share of the comment's content (by term weight) found in the article, its parent or the
 *                    recent thread, in [0, 1]
 * @param reason      a sentence for a moderator, or null when there is nothing worth saying
 */
public record OffTopicFinding(double score, double relatedness, String reason) {
}
