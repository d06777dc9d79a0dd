package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Evidence;
import dev.threadguard.moderation.support.SupportFeatures.Feature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A logistic-regression support-request model: the learnt weights of {@link SupportFeatures} (phrase cues, words,
 * word pairs, form). Trained by {@link SupportModelTrainer} on examples the project wrote itself; the weights ship
 * as the resource {@value #RESOURCE} (see that file's header for how to retrain). Immutable and thread-safe.
 */
public final class LinearSupportModel implements SupportRequestModel {
    static final String RESOURCE = "support-model.tsv";
    static final String BIAS_KEY = "(bias)";
    /** Contributions smaller than this are not worth showing to a moderator. */
    private static final double EVIDENCE_MIN = 0.05;

    private final double bias;
    private final Map<String, Double> weights;
    private final SupportFeatures features = new SupportFeatures();

    LinearSupportModel(double bias, Map<String, Double> weights) {
        this.bias = bias;
        this.weights = Map.copyOf(weights);
    }

    /** The model shipped with Threadguard. */
    public static LinearSupportModel bundled() {
        try (InputStream in = LinearSupportModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("support-request weights " + RESOURCE + " are missing from the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read support-request weights " + RESOURCE, e);
        }
    }

    @Override
    public SupportAssessment assess(String text) {
        double z = bias;
        List<Evidence> evidence = new ArrayList<>();
        for (Feature f : features.extract(text)) {
            Double w = weights.get(f.key());
            if (w == null) {
                continue;
            }
            z += w;
            if (Math.abs(w) >= EVIDENCE_MIN) {
                evidence.add(new Evidence(f.cue(), f.phrase(), w));
            }
        }
        evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(e.weight())).thenComparing(Evidence::phrase));
        return new SupportAssessment(sigmoid(z), evidence);
    }

    double bias() {
        return bias;
    }

    Map<String, Double> weights() {
        return weights;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Tab-separated {@code key weight} lines, sorted by key, '#' comments; the bias under {@value #BIAS_KEY}. */
    static LinearSupportModel read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        double bias = 0;
        Map<String, Double> weights = new TreeMap<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 1) {
                throw new IllegalArgumentException("support-request weights, line " + number + ": expected 'feature<TAB>weight'");
            }
            String key = line.substring(0, tab);
            double w = Double.parseDouble(line.substring(tab + 1));
            if (key.equals(BIAS_KEY)) {
                bias = w;
            } else {
                weights.put(key, w);
            }
        }
        return new LinearSupportModel(bias, weights);
    }

    void write(Writer out, String header) throws IOException {
        for (String line : header.split("\n")) {
            out.write("# " + line + "\n");
        }
        out.write(BIAS_KEY + "\t" + format(bias) + "\n");
        for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
            out.write(e.getKey() + "\t" + format(e.getValue()) + "\n");
        }
    }

    static String format(double w) {
        return String.format(Locale.ROOT, "%.5f", w);
    }
}
