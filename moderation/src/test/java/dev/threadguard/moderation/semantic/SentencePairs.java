package dev.threadguard.moderation.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The quality check's sentence pairs (our own writing, sentence-pairs.tsv): [pair][2]. */
final class SentencePairs {
    private SentencePairs() {
    }

    static List<String[]> read() {
        try (InputStream in = SentencePairs.class.getResourceAsStream("sentence-pairs.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .peek(pair -> {
                        if (pair.length != 2) {
                            throw new IllegalStateException("not a pair: " + String.join(" | ", pair));
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
