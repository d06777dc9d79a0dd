package dev.threadguard.moderation.offtopic;

import java.util.Objects;

/**
 * When and how the off-topic detector compares meanings (sentence embeddings) on top of shared words.
 *
 * <p>Embedding a comment costs milliseconds where the word comparison costs microseconds, so only comments the
 * word comparison leaves in doubt are embedded: those whose lexical off-topic score lies in
 * [{@code uncertainFrom}, {@code uncertainTo}], and help requests (support score from {@code supportFrom}), which
 * are off-topic only where the article is about something else. A comment well below the band shares plenty with
 * its context; a short comment stays near the lexical prior, below the band, and is never flagged on its few words.
 *
 * @param embeddings          the embedder with its caches and counters
 * @param uncertainFrom       lexical score from which a comment is embedded, in [0, 1]
 * @param uncertainTo         lexical score above which words alone decide, in [uncertainFrom, 1] (1: never)
 * @param supportFrom         support-request score from which a comment is embedded whatever its lexical score
 * @param similarityThreshold cosine similarity (to the article, the parent or the thread, whichever is highest)
 *                            below which the meaning counts as unrelated, in [0, 1]
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
