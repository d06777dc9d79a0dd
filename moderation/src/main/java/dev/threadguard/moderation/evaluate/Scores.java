package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verdicts scored against labels, as dataset-format.md and the evaluation sets' README define it: per flag
 * over all labelled comments, skipping a comment for a flag its label marks uncertain; a comment without
 * a verdict counts as carrying no flag.
 *
 * @param missingVerdicts    labelled comments that got no verdict
 * @param duplicatesFound    correctly flagged duplicates
 * @param duplicateOfMatches of those, how many name the labelled original
 */
public record Scores(int labelled, int missingVerdicts, List<FlagScore> flags, double macroF1, int duplicatesFound,
                     int duplicateOfMatches, List<KindScore> kinds) {

    public Scores {
        flags = List.copyOf(flags);
        kinds = List.copyOf(kinds);
    }

    public FlagScore flag(Flag flag) {
        return flags.stream().filter(f -> f.flag() == flag).findFirst().orElseThrow();
    }

    public static Scores of(Collection<Label> labels, Map<String, Verdict> verdicts) {
        Map<Flag, int[]> counts = new EnumMap<>(Flag.class); // tp, fp, fn, uncertain
        for (Flag f : Flag.values()) {
            counts.put(f, new int[4]);
        }
        Map<String, KindCounts> kinds = new LinkedHashMap<>();
        int missing = 0;
        int duplicatesFound = 0;
        int duplicateOfMatches = 0;
        for (Label label : labels) {
            Verdict verdict = verdicts.get(label.commentId());
            if (verdict == null) {
                missing++;
            }
            Set<Flag> got = verdict == null ? Set.of() : verdict.flags();
            KindCounts kind = kinds.computeIfAbsent(label.kind(), k -> new KindCounts());
            kind.comments++;
            for (Flag f : Flag.values()) {
                int[] c = counts.get(f);
                if (label.uncertain().contains(f)) {
                    c[3]++;
                } else if (label.flags().contains(f)) {
                    kind.labelled.merge(f, 1, Integer::sum);
                    if (got.contains(f)) {
                        c[0]++;
                        kind.found.merge(f, 1, Integer::sum);
                    } else {
                        c[2]++;
                    }
                } else if (got.contains(f)) {
                    c[1]++;
                    kind.wronglyFlagged.merge(f, 1, Integer::sum);
                }
            }
            if (!label.uncertain().contains(Flag.DUPLICATE) && label.flags().contains(Flag.DUPLICATE)
                    && got.contains(Flag.DUPLICATE)) {
                duplicatesFound++;
                if (Objects.equals(verdict.duplicateOf(), label.duplicateOf())) {
                    duplicateOfMatches++;
                }
            }
        }
        List<FlagScore> flagScores = new ArrayList<>();
        counts.forEach((f, c) -> flagScores.add(new FlagScore(f, c[0], c[1], c[2], c[3])));
        double macro = flagScores.stream().mapToDouble(FlagScore::f1).average().orElse(0);
        List<KindScore> kindScores = new ArrayList<>();
        kinds.forEach((name, k) -> kindScores.add(new KindScore(name, k.comments, k.labelled, k.found, k.wronglyFlagged)));
        // Largest kinds first, as the evaluation sets' scorer lists them.
        kindScores.sort((a, b) -> a.comments() != b.comments() ? Integer.compare(b.comments(), a.comments())
                : a.kind().compareTo(b.kind()));
        return new Scores(labels.size(), missing, flagScores, macro, duplicatesFound, duplicateOfMatches, kindScores);
    }

    private static final class KindCounts {
        int comments;
        final Map<Flag, Integer> labelled = new EnumMap<>(Flag.class);
        final Map<Flag, Integer> found = new EnumMap<>(Flag.class);
        final Map<Flag, Integer> wronglyFlagged = new EnumMap<>(Flag.class);
    }
}
