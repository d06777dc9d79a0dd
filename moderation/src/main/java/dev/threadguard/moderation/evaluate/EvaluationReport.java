package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What one evaluation run did and, when labels were given, how well.
 *
 * @param comments distinct comments in the events file
 * @param verdicts comments that got a verdict (and a line in the output)
 * @param scores   null when no labels were given
 */
public record EvaluationReport(Path events, Path output, int articles, int comments, int verdicts, Duration elapsed,
                               Scores scores) {

    public boolean hasScores() {
        return scores != null;
    }

    /** A plain-text summary with aligned columns, for the console. */
    public String format() {
        StringBuilder out = new StringBuilder();
        line(out, "events: %s (%d articles, %d comments); verdicts: %d written to %s in %.1f s", events, articles,
                comments, verdicts, output, elapsed.toMillis() / 1000.0);
        if (scores == null) {
            return out.toString();
        }
        line(out, "labels: %d comments; without a verdict (scored as no flags): %d", scores.labelled(),
                scores.missingVerdicts());
        line(out, "");
        line(out, "%-16s %9s %7s %6s %8s %5s %5s %5s %9s", "flag", "precision", "recall", "F1", "support", "tp", "fp",
                "fn", "uncertain");
        for (FlagScore f : scores.flags()) {
            line(out, "%-16s %9.3f %7.3f %6.3f %8d %5d %5d %5d %9d", f.flag(), f.precision(), f.recall(), f.f1(),
                    f.support(), f.truePositives(), f.falsePositives(), f.falseNegatives(), f.uncertain());
        }
        line(out, "%-16s %9s %7s %6.3f", "macro-F1", "", "", scores.macroF1());
        if (scores.duplicatesFound() > 0) {
            line(out, "duplicateOf names the labelled original for %d/%d detected duplicates",
                    scores.duplicateOfMatches(), scores.duplicatesFound());
        }
        line(out, "");
        line(out, "per kind: recall of its labelled flags; for a flag it does not carry, how many were flagged");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-28s %5s", "kind", "n"));
        for (Flag f : Flag.values()) {
            header.append("  ").append(String.format(Locale.ROOT, "%-22s", f));
        }
        line(out, "%s", header.toString().stripTrailing());
        for (KindScore kind : scores.kinds()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s %5d", kind.kind(), kind.comments()));
            for (Flag f : Flag.values()) {
                int labelled = kind.labelled().getOrDefault(f, 0);
                int wrong = kind.wronglyFlagged().getOrDefault(f, 0);
                String cell = labelled > 0
                        ? String.format(Locale.ROOT, "recall %d/%d %.2f", kind.found().getOrDefault(f, 0), labelled,
                                kind.recall(f))
                        : wrong > 0 ? String.format(Locale.ROOT, "flagged %d/%d", wrong, kind.comments()) : "-";
                row.append("  ").append(String.format(Locale.ROOT, "%-22s", cell));
            }
            line(out, "%s", row.toString().stripTrailing());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
