package dev.threadguard.moderation.offtopic;

import java.util.Objects;

/**
 * When the off-topic detector measures meaning (similarities of {@link TextVectors}) on top of shared words.
 *
 * <p>By default for every comment ({@code uncertainFrom} 0): the learnt model reads the similarities of all of
 * them. An operator short of CPU while the vectors come from the transformer (about 5 ms a comment) may raise
 * {@code uncertainFrom}: comments whose words-only model score lies below it (they share plenty with their
 * context, or are too short to judge) are then judged on words alone. Help requests (support score from
 * {@code supportFrom}) are measured whatever their score.
 *
 * @param embeddings          the vectors with their caches and counters
 * @param uncertainFrom       words-only score from which a comment's meaning is measured, in [0, 1]
 * @param uncertainTo         words-only score above which words alone decide, in [uncertainFrom, 1] (1: never)
 * @param supportFrom         support-request score from which a comment is measured whatever its score
 * @param similarityThreshold unused since detector 2026.11-5 (the model weighs the similarity itself); validated
 *                            so that existing configurations keep loading, in [0, 1]
 */
public record SemanticCheck(EmbeddingCache embeddings, double uncertainFrom, double uncertainTo, double supportFrom,
                            double similarityThreshold) {
    public SemanticCheck {
        Objects.requireNonNull(embeddings, "embeddings");
        if (!(uncertainFrom >= 0 && uncertainFrom <= uncertainTo && uncertainTo <= 1)) {
            throw new IllegalArgumentException("the uncertain band must satisfy 0 <= from <= to <= 1, got ["
                    + uncertainFrom + ", " + uncertainTo + "]");
        }
        if (!(supportFrom >= 0 && supportFrom <= 1)) {
            throw new IllegalArgumentException("supportFrom must be in [0, 1], got " + supportFrom);
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarityThreshold must be in [0, 1], got " + similarityThreshold);
        }
    }

    /** Whether a comment with these scores is worth embedding. */
    boolean applies(double lexicalScore, double supportScore) {
        return (lexicalScore >= uncertainFrom && lexicalScore <= uncertainTo) || supportScore >= supportFrom;
    }
}
