package dev.threadguard.moderation.offtopic;

/**
 * A logistic regression over {@link OffTopicFeatures}: score = 1 / (1 + e^-(bias + Σ weight·feature)), in (0, 1).
 * Two sets of weights: {@link #WITH_MEANING} when similarities of meaning were measured, {@link #WORDS_ONLY} when
 * not (vectors switched off, or the model failed). The weights are the only thing fitted to the development set
 * (a dozen numbers; no text, vocabulary or rule comes from it): see README, "Off-topic".
 *
 * <p>Fitted by gradient descent on standardised inputs (L2 0.003) against the development set's OFF_TOPIC labels
 * (uncertain ones left out), with inputs written by the test tool {@code OffTopicFeatureDump}; five-fold
 * cross-validation by article gave F1 0.841 at 0.5 with meaning, 0.61 on words alone (whose bias is moved by
 * +0.847 so that 0.5 falls on its best threshold, 0.3). The two population inputs (nearest thread comment,
 * similarity to the article above the siblings') did not add to the closest similarity in that validation: their
 * weights are 0, kept as inputs for the next fit (static vectors may use them). The reply indicator is 0 on
 * purpose: fitted, it came out strongly negative because every reply in the development set is native, which
 * would let any reply pass; a reply's relation to its parent enters through the closest similarity instead.
 */
final class OffTopicModel {
    /** Feature names, in {@link OffTopicFeatures#vector()} order. */
    static final String[] FEATURES = {"unrelatedCertain", "certainty", "closestMeaning", "support",
        "helpElsewhere", "reply", "nearestComment", "aboveSiblings"};

    static final OffTopicModel WITH_MEANING = new OffTopicModel(-0.925, new double[] {
        2.536, 1.162, -14.514, 2.418, 1.907, 0, 0, 0});
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

    static OffTopicModel forFeatures(OffTopicFeatures f) {
        return f.semantic() ? WITH_MEANING : WORDS_ONLY;
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
