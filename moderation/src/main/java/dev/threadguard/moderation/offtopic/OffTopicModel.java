package dev.threadguard.moderation.offtopic;

/**
 * A logistic regression over {@link OffTopicFeatures}: score = 1 / (1 + e^-(bias + Σ weight·feature)), in (0, 1).
 * Two sets of weights: {@link #WITH_MEANING} when similarities of meaning were measured, {@link #WORDS_ONLY} when
 * not (vectors switched off, or the model failed). The weights are the only thing fitted to the development set
 * (a dozen numbers; no text, vocabulary or rule comes from it): see README, "Off-topic".
 *
 * <p>Fitted by gradient descent on standardised inputs (L2 0.003) against the development set's OFF_TOPIC labels
 * (uncertain ones left out), with inputs written by the test tool {@code OffTopicFeatureDump}; five-fold
 * cross-validation by article gave F1 0.847 at 0.5 with meaning, 0.61 on words alone. The two population inputs
 * (nearest thread comment, similarity to the article above the siblings') did not add to the closest similarity in
 * that validation: their weights are 0, kept as inputs for the next fit (static vectors may use them).
 */
final class OffTopicModel {
    /** Feature names, in {@link OffTopicFeatures#vector()} order. */
    static final String[] FEATURES = {"unrelatedCertain", "certainty", "closestMeaning", "support",
        "helpElsewhere", "reply", "nearestComment", "aboveSiblings"};

    static final OffTopicModel WITH_MEANING = new OffTopicModel(-0.633, new double[] {
        2.581, 0.847, -13.890, 2.375, 1.789, -2.509, 0, 0});
    static final OffTopicModel WORDS_ONLY = new OffTopicModel(-2.896, new double[] {
        5.535, -2.161, 0, 2.237, 3.263, -2.958, 0, 0});

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
