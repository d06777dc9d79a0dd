package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;

/**
 * Counts of one flag over the scored comments. Precision and recall follow the evaluation sets' scorer:
 * with nothing predicted, precision is 1 when nothing was to be found, else 0; with nothing to find,
 * recall is 1.
 */
public record FlagScore(Flag flag, int truePositives, int falsePositives, int falseNegatives, int uncertain) {

    public int support() {
        return truePositives + falseNegatives;
    }

    public double precision() {
        int predicted = truePositives + falsePositives;
        if (predicted == 0) {
            return support() == 0 ? 1.0 : 0.0;
        }
        return (double) truePositives / predicted;
    }

    public double recall() {
        return support() == 0 ? 1.0 : (double) truePositives / support();
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
