package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;
import java.util.Map;

/**
 * How the comments of one label kind fared.
 *
 * @param labelled       per flag, scored comments of this kind labelled with it
 * @param found          per flag, those of them that were flagged
 * @param wronglyFlagged per flag, scored comments of this kind flagged without the label
 */
public record KindScore(String kind, int comments, Map<Flag, Integer> labelled, Map<Flag, Integer> found,
                        Map<Flag, Integer> wronglyFlagged) {

    public KindScore {
        labelled = Map.copyOf(labelled);
        found = Map.copyOf(found);
        wronglyFlagged = Map.copyOf(wronglyFlagged);
    }

    /** The share of this kind's labelled comments that got the flag, or NaN when none carries it. */
    public double recall(Flag flag) {
        int n = labelled.getOrDefault(flag, 0);
        return n == 0 ? Double.NaN : (double) found.getOrDefault(flag, 0) / n;
    }
}
