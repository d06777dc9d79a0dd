package dev.threadguard.launcher;

import dev.threadguard.contract.Flag;
import dev.threadguard.moderation.evaluate.FlagScore;
import dev.threadguard.moderation.evaluate.Scores;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Compares measured F1 per flag with committed figures, so that a change cannot quietly make detection worse. */
final class QualityGate {
    private QualityGate() {
    }

    /** Reads {@code FLAG=F1} lines; every flag named must be a known flag with a number in [0, 1]. */
    static Map<Flag, Double> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + file, e);
        }
        Map<Flag, Double> out = new EnumMap<>(Flag.class);
        for (String key : p.stringPropertyNames()) {
            Flag flag;
            try {
                flag = Flag.valueOf(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseline " + file + ": unknown flag '" + key + "'");
            }
            try {
                double f1 = Double.parseDouble(p.getProperty(key).trim());
                if (f1 < 0 || f1 > 1) {
                    throw new NumberFormatException();
                }
                out.put(flag, f1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("baseline " + file + ": " + key + " must be an F1 in [0, 1], got '"
                        + p.getProperty(key) + "'");
            }
        }
        return out;
    }

    static List<String> regressions(Scores scores, Map<Flag, Double> baseline, double tolerance) {
        List<String> out = new ArrayList<>();
        baseline.forEach((flag, expected) -> {
            FlagScore measured = scores.flag(flag);
            if (measured.f1() < expected - tolerance - 1e-9) {
                out.add(String.format(Locale.ROOT, "%s F1 %.3f is more than %.3f below the committed %.3f",
                        flag, measured.f1(), tolerance, expected));
            }
        });
        return out;
    }
}
