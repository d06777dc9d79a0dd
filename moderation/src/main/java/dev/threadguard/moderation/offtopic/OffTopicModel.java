package dev.threadguard.moderation.offtopic;

/**
 * A logistic regression over {@link OffTopicFeatures}: score = 1 / (1 + e^-(bias + Σ weight·feature)), in (0, 1).
 * Two sets of weights per kind of vectors the similarities of meaning were measured with ({@link #of}): one for a
 * comment that could be compared with other recent articles ({@link OtherArticles}, input {@code closerElsewhere}),
 * one for a comment that could not (no other article seen yet, as right after start); and {@link #WORDS_ONLY} when
 * no vectors were measured (vectors switched off, or the model failed). In the default hybrid check
 * ({@link SemanticCheck}) a comment is scored with the static weights first and, unless that clears it, with the
 * transformer's. The weights are the only thing fitted to the development set (a few dozen numbers; no text,
 * vocabulary or rule comes from it): see README, "Off-topic".
 *
 * <p>Fitted by gradient descent on standardised inputs against the development set's OFF_TOPIC labels (uncertain
 * ones left out), with inputs written by the test tool {@code OffTopicFeatureDump} (its third argument picks the
 * vectors; it notes the article events as the topology does), one set per kind of vectors; five-fold
 * cross-validation by article, F1 at 0.5:
 * <ul>
 * <li>{@link #WITH_MINILM} (the transformer, {@code OFF_TOPIC_VECTORS=minilm}, and the hybrid's second stage), L2
 *     0.001: 0.881, against 0.844 without {@code closerElsewhere} ({@link #WITH_MINILM_ALONE}, L2 0.003, detector
 *     2026.11-7's weights). Being closer to another recent story than to its own is the strongest single input
 *     after the closest similarity. The two population inputs (nearest thread comment, similarity to the article
 *     above the siblings') did not add to the closest similarity (0.858 with them): their weights are 0. The reply
 *     indicator is 0 on purpose: fitted, it came out strongly negative because every reply in the development set
 *     is native, which would let any reply pass; a reply's relation to its parent enters through the closest
 *     similarity instead.</li>
 * <li>{@link #WITH_STATIC} (static token vectors, {@code OFF_TOPIC_VECTORS=static}, and the hybrid's first stage),
 *     L2 0.001, refitted for detector 2026.11-9's table (rows refitted to WordNet's sentences, {@code
 *     ContextRefit}): 0.774 with {@code closerElsewhere}, 0.661 without it ({@link #WITH_STATIC_ALONE}); the
 *     distilled-only table of 2026.11-8 gave 0.658 and 0.610. The reply indicator is left out as for MiniLM.</li>
 * <li>{@link #WORDS_ONLY}: 0.61 (bias moved by +0.847 so that 0.5 falls on its best threshold, 0.3).</li>
 * </ul>
 */
final class OffTopicModel {
    /** Feature names, in {@link OffTopicFeatures#vector()} order. */
    static final String[] FEATURES = {"unrelatedCertain", "certainty", "closestMeaning", "support",
        "helpElsewhere", "reply", "nearestComment", "aboveSiblings", "closerElsewhere"};

    /** With the MiniLM transformer's vectors ({@link MiniLmEmbedder}), compared with other recent articles. */
    static final OffTopicModel WITH_MINILM = new OffTopicModel(-2.960, new double[] {
        1.796, 1.687, -13.276, 3.989, 3.934, 0, 0, 0, 9.297});
    /** With the transformer's vectors, no other article to compare with. */
    static final OffTopicModel WITH_MINILM_ALONE = new OffTopicModel(-0.925, new double[] {
        2.536, 1.162, -14.514, 2.418, 1.907, 0, 0, 0, 0});
    /** With the static token vectors ({@link StaticTextVectors}), compared with other recent articles. */
    static final OffTopicModel WITH_STATIC = new OffTopicModel(-4.578, new double[] {
        3.621, 0.367, -1.755, 2.904, 3.173, 0, -1.538, -2.606, 6.249});
    /** With the static token vectors, no other article to compare with. */
    static final OffTopicModel WITH_STATIC_ALONE = new OffTopicModel(-3.359, new double[] {
        3.922, 0.364, -3.212, 2.719, 3.630, 0, -1.107, -4.421, 0});
    static final OffTopicModel WORDS_ONLY = new OffTopicModel(-2.556, new double[] {
        5.503, -1.751, 0, 2.232, 3.426, 0, 0, 0, 0});

    private final double bias;
    private final double[] weights;

    OffTopicModel(double bias, double[] weights) {
        if (weights.length != FEATURES.length) {
            throw new IllegalArgumentException("expected " + FEATURES.length + " weights, got " + weights.length);
        }
        this.bias = bias;
        this.weights = weights.clone();
    }

    /** The weights for inputs {@code f} whose similarities were measured with {@code vectors}. */
    static OffTopicModel of(TextVectors vectors, OffTopicFeatures f) {
        boolean elsewhere = f.comparedElsewhere();
        if (vectors instanceof SentenceEmbedder) {
            return elsewhere ? WITH_MINILM : WITH_MINILM_ALONE;
        }
        return elsewhere ? WITH_STATIC : WITH_STATIC_ALONE;
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
