package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of the evaluate command's output (dataset-format.md "Verdicts"), with stable field and flag order. */
public record VerdictLine(String commentId, String articleId, List<Flag> flags, String duplicateOf,
                          Map<String, Double> scores, List<String> reasons, String detectorVersion) {

    public static VerdictLine of(Verdict verdict) {
        List<Flag> flags = verdict.flags().stream().sorted().toList();
        // The three flag scores first, in flag order, then any other score by name.
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Flag f : Flag.values()) {
            Double score = verdict.scores().get(f.scoreKey());
            if (score != null) {
                scores.put(f.scoreKey(), score);
            }
        }
        new TreeMap<>(verdict.scores()).forEach(scores::putIfAbsent);
        return new VerdictLine(verdict.commentId(), verdict.articleId(), flags, verdict.duplicateOf(), scores,
                verdict.reasons(), verdict.detectorVersion());
    }
}
