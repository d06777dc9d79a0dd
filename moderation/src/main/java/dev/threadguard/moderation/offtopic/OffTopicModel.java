package dev.threadguard.moderation.offtopic;

/**
 * A logistic regression over {@link OffTopicFeatures}: score = 1 / (1 + e^-(bias + Σ weight·feature)), in (0, 1).
 * One set of weights per kind of vectors the similarities of meaning were measured with ({@link #forVectors}), and
 * {@link #WORDS_ONLY} when none were (vectors switched off, or the model failed). In the default hybrid check
 * ({@link SemanticCheck}) a comment is scored with {@link #WITH_STATIC} first and, unless that clears it, with
 * {@link #WITH_MINILM}. The weights are the only thing fitted to the development set
 * (a dozen numbers; no text, vocabulary or rule comes from it): see README, "Off-topic".
 *
 * <p>Fitted by gradient descent on standardised inputs (L2 0.003) against the development set's OFF_TOPIC labels
 * (uncertain ones left out), with inputs written by the test tool {@code OffTopicFeatureDump} (its third argument
 * picks the vectors), one set per kind of vectors; five-fold cross-validation by article, F1 at 0.5:
 * <ul>
 * <li>{@link #WITH_MINILM}, the transformer ({@code OFF_TOPIC_VECTORS=minilm}, and the hybrid's second stage): 0.841. The two population
 *     inputs (nearest thread comment, similarity to the article above the siblings') did not add to the closest
 *     similarity: their weights are 0. The reply indicator is 0 on purpose: fitted, it came out strongly negative
 *     because every reply in the development set is native, which would let any reply pass; a reply's relation to
 *     its parent enters through the closest similarity instead.</li>
 * <li>{@link #WITH_STATIC}, static token vectors ({@code OFF_TOPIC_VECTORS=static}, and the hybrid's first stage): 0.656 with all eight inputs
 *     (0.617 without the two population inputs), fitted before the reply indicator was set aside. The static
 *     similarities separate off-topic comments far less than the transformer's (median closest similarity 0.68
 *     off-topic against 0.75 on-topic, MiniLM 0.05 against 0.43); what they add over words is mostly
 *     {@code aboveSiblings}, being farther from the article than the thread's other comments.</li>
 * <li>{@link #WORDS_ONLY}: 0.61 (bias moved by +0.847 so that 0.5 falls on its best threshold, 0.3).</li>
 * </ul>
 */
final class OffTopicModel {
    /** Feature names, in {@link OffTopicFeatures#vector()} order. */
    static final String[] FEATURES = {"unrelatedCertain", "certainty", "closestMeaning", "support",
        "helpElsewhere", "reply", "nearestComment", "aboveSiblings"};

    /** With the MiniLM transformer's vectors ({@link MiniLmEmbedder}). */
    static final OffTopicModel WITH_MINILM = new OffTopicModel(-0.925, new double[] {
        2.536, 1.162, -14.514, 2.418, 1.907, 0, 0, 0});
    /** With the static token vectors ({@link StaticTextVectors}). */
    static final OffTopicModel WITH_STATIC = new OffTopicModel(-3.654, new double[] {
        5.230, -1.547, -0.036, 2.708, 3.021, -2.942, 0.362, -4.430});
    static final OffTopicModel WORDS_ONLY = new OffTopicModel(-2.556, new double[] {
        5.503, -1.751, 0, 2.232, 3.426, 0, 0, 0});

    private final double bias;
    private final double[] weights;

    OffTopicModel(double bias, double[] weights) {
        if (weights.length != FEATURES.length) {
            throw new IllegalArgumentException("expected " + FEATURES.length + " weights, got " + weights.length);
        }
        this.bias = bias;
        this.weights = weights.clone();
    }

    /** The weights for inputs whose similarities were measured with {@code vectors}. */
    static OffTopicModel forVectors(TextVectors vectors) {
        return vectors instanceof SentenceEmbedder ? WITH_MINILM : WITH_STATIC;
    }

    double score(OffTopicFeatures f) {
        double[] x = f.vector();
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
