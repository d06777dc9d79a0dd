package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportFeatures.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the {@link LinearSupportModel}: L2-regularised logistic regression by full-batch gradient descent, classes
 * weighted to count equally. Deterministic (no randomness, features in sorted order), so the same examples always
 * give the same weights. Words and word pairs seen in fewer than {@link Settings#minWordCount} examples are left out:
 * a phrase the examples use once is an accident of wording, not evidence.
 */
public final class SupportModelTrainer {
    /** One training text and whether it is a support request. */
    public record Example(String text, boolean request) {
    }

    /**
     * @param iterations     gradient steps
     * @param learningRate   step size
     * @param l2             regularisation strength (per example)
     * @param minWordCount   examples a word or word-pair feature must occur in to be learnt
     * @param cueL2Share     share of the regularisation the hand-written cues and form features get: they
     *                       generalise, so they may carry more weight than any one word
     */
    public record Settings(int iterations, double learningRate, double l2, int minWordCount, double cueL2Share) {
        public static Settings defaults() {
            return new Settings(600, 1.0, 0.01, 2, 0.3);
        }
    }

    private SupportModelTrainer() {
    }

    public static LinearSupportModel train(List<Example> examples, Settings settings) {
        SupportFeatures extractor = new SupportFeatures();
        List<List<String>> keysPerExample = new ArrayList<>(examples.size());
        Map<String, Integer> counts = new HashMap<>();
        for (Example ex : examples) {
            Set<String> keys = new TreeSet<>();
            for (Feature f : extractor.extract(ex.text())) {
                keys.add(f.key());
            }
            keys.forEach(k -> counts.merge(k, 1, Integer::sum));
            keysPerExample.add(List.copyOf(keys));
        }
        TreeSet<String> vocabulary = new TreeSet<>();
        counts.forEach((k, c) -> {
            if (!isWord(k) || c >= settings.minWordCount()) {
                vocabulary.add(k);
            }
        });
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = new ArrayList<>(vocabulary);
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
        int[][] rows = new int[examples.size()][];
        double[] y = new double[examples.size()];
        double[] sampleWeight = new double[examples.size()];
        long positives = examples.stream().filter(Example::request).count();
        long negatives = examples.size() - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("training needs both support requests and other comments, got "
                    + positives + " and " + negatives);
        }
        for (int r = 0; r < rows.length; r++) {
            rows[r] = keysPerExample.get(r).stream().filter(index::containsKey).mapToInt(index::get).toArray();
            y[r] = examples.get(r).request() ? 1 : 0;
            sampleWeight[r] = examples.size() / (2.0 * (examples.get(r).request() ? positives : negatives));
        }
        double[] l2 = new double[keys.size()];
        for (int i = 0; i < l2.length; i++) {
            l2[i] = settings.l2() * (isWord(keys.get(i)) ? 1.0 : settings.cueL2Share());
        }
        double[] w = new double[keys.size()];
        double bias = 0;
        double n = rows.length;
        for (int it = 0; it < settings.iterations(); it++) {
            double[] grad = new double[w.length];
            double gradBias = 0;
            for (int r = 0; r < rows.length; r++) {
                double z = bias;
                for (int j : rows[r]) {
                    z += w[j];
                }
                double err = (LinearSupportModel.sigmoid(z) - y[r]) * sampleWeight[r];
                gradBias += err;
                for (int j : rows[r]) {
                    grad[j] += err;
                }
            }
            bias -= settings.learningRate() * gradBias / n;
            for (int j = 0; j < w.length; j++) {
                w[j] -= settings.learningRate() * (grad[j] / n + l2[j] * w[j]);
            }
        }
        Map<String, Double> weights = new TreeMap<>();
        for (int j = 0; j < w.length; j++) {
            double rounded = Double.parseDouble(LinearSupportModel.format(w[j]));
            if (rounded != 0) {
                weights.put(keys.get(j), rounded);
            }
        }
        return new LinearSupportModel(Double.parseDouble(LinearSupportModel.format(bias)), weights);
    }

    private static boolean isWord(String key) {
        return key.startsWith("w:") || key.startsWith("b:");
    }

    /** Examples from a bundled text file: one per line, '#' lines are comments, all with the given label. */
    public static List<Example> read(InputStream in, boolean request) {
        try (in) {
            List<Example> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#") && seen.add(text)) {
                    out.add(new Example(text, request));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training examples", e);
        }
    }
}
