package dev.threadguard.moderation.offtopic;

import java.util.Objects;

/**
 * When the off-topic detector measures meaning (similarities of {@link TextVectors}) on top of shared words, and
 * with which vectors.
 *
 * <p>One kind of vectors ({@code transformer} null): a comment's meaning is measured when its words-only model
 * score lies in [{@code uncertainFrom}, {@code uncertainTo}] (by default [0, 1]: every comment) or it reads as a
 * help request (support score from {@code supportFrom}).
 *
 * <p>Hybrid ({@code transformer} set, the default configuration): every comment is measured with {@code embeddings}
 * (the static token table, microseconds), and a comment whose score with them is from {@code transformerFrom} up, or
 * that reads as a help request, is measured again with the {@code transformer} (MiniLM, about 5 ms a text), whose
 * score then decides. Comments the static score finds plainly on-topic (most of them) never reach the transformer.
 *
 * @param embeddings          the first vectors with their caches and counters
 * @param uncertainFrom       words-only score from which a comment's meaning is measured, in [0, 1]
 * @param uncertainTo         words-only score above which words alone decide, in [uncertainFrom, 1] (1: never)
 * @param supportFrom         support-request score from which a comment is measured whatever its score
 * @param similarityThreshold unused since detector 2026.11-5 (the model weighs the similarity itself); validated
 *                            so that existing configurations keep loading, in [0, 1]
 * @param transformer         the transformer's vectors for the second stage, or null for one kind of vectors
 * @param transformerFrom     score with the first vectors from which the transformer measures again, in [0, 1]
 */
public record SemanticCheck(EmbeddingCache embeddings, double uncertainFrom, double uncertainTo, double supportFrom,
                            double similarityThreshold, EmbeddingCache transformer, double transformerFrom) {
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
        if (!(transformerFrom >= 0 && transformerFrom <= 1)) {
            throw new IllegalArgumentException("transformerFrom must be in [0, 1], got " + transformerFrom);
        }
    }

    /** One kind of vectors, no second stage. */
    public SemanticCheck(EmbeddingCache embeddings, double uncertainFrom, double uncertainTo, double supportFrom,
                         double similarityThreshold) {
        this(embeddings, uncertainFrom, uncertainTo, supportFrom, similarityThreshold, null, 1.0);
    }

    /** Whether a comment with these scores is worth embedding. */
    boolean applies(double lexicalScore, double supportScore) {
        return (lexicalScore >= uncertainFrom && lexicalScore <= uncertainTo) || supportScore >= supportFrom;
    }

    /** Whether a comment scored {@code firstScore} with the first vectors is measured again by the transformer. */
    boolean refines(double firstScore, double supportScore) {
        return transformer != null && (firstScore >= transformerFrom || supportScore >= supportFrom);
    }
}
