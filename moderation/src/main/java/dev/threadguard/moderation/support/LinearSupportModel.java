package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.support.SupportAssessment.Evidence;
import dev.threadguard.moderation.support.SupportFeatures.Feature;
import dev.threadguard.moderation.text.TextNormalizer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A logistic-regression support-request model: the learnt weights of {@link SupportFeatures} (phrase cues, word
 * classes, form; words, word pairs and semantic vector components when trained with them). Trained by {@link SupportModelTrainer} on examples the project wrote itself; the weights ship
 * as the resource {@value #RESOURCE} (see that file's header for how to retrain). Immutable and thread-safe.
 */
public final class LinearSupportModel implements SupportRequestModel {
    static final String RESOURCE = "support-model.tsv";
    /** The same features without meaning: what the off-topic model was fitted to read ({@link #bundledCues}). */
    static final String CUES_RESOURCE = "support-cues-model.tsv";
    static final String BIAS_KEY = "(bias)";
    /** Contributions smaller than this are not worth showing to a moderator. */
    private static final double EVIDENCE_MIN = 0.05;
    private static final Comparator<Evidence> BY_CONTRIBUTION =
            Comparator.comparingDouble((Evidence e) -> -Math.abs(e.weight())).thenComparing(Evidence::phrase);

    /**
     * A text of at least this many words of which fewer than {@link #COVERED_SHARE} are grammar words of a covered
     * language gets {@link #ABSTAIN_CAP} at most: the cues cannot read it.
     */
    static final int COVERAGE_MIN_WORDS = 4;
    static final double COVERED_SHARE = 0.1;
    static final double ABSTAIN_CAP = 0.05;

    private final double bias;
    private final Map<String, Double> weights;
    private final SupportFeatures features = new SupportFeatures();
    /**
     * The weights split by kind of feature (key prefix), so that scoring looks names up as they come instead of
     * building a key string for every feature of every comment.
     */
    private final Map<String, Map<String, Double>> byPrefix = new HashMap<>();
    private final boolean withWords;
    private final double[] vectorWeights;
    private final SemanticVector semantic;

    LinearSupportModel(double bias, Map<String, Double> weights) {
        this(bias, weights, null);
    }

    private LinearSupportModel(double bias, Map<String, Double> weights, SemanticVector semantic) {
        this.bias = bias;
        this.weights = Map.copyOf(weights);
        this.semantic = semantic;
        int dimensions = 0;
        boolean words = false;
        for (Map.Entry<String, Double> e : this.weights.entrySet()) {
            String key = e.getKey();
            int colon = key.indexOf(':');
            String prefix = key.substring(0, colon + 1);
            byPrefix.computeIfAbsent(prefix, k -> new HashMap<>()).put(key.substring(colon + 1), e.getValue());
            words |= prefix.equals(SupportFeatures.WORD_PREFIX) || prefix.equals(SupportFeatures.PAIR_PREFIX);
            if (prefix.equals(SupportFeatures.VECTOR_PREFIX)) {
                dimensions = Math.max(dimensions, Integer.parseInt(key.substring(colon + 1)) + 1);
            }
        }
        this.withWords = words;
        this.vectorWeights = new double[dimensions];
        Map<String, Double> vector = byPrefix.getOrDefault(SupportFeatures.VECTOR_PREFIX, Map.of());
        vector.forEach((i, w) -> vectorWeights[Integer.parseInt(i)] = w);
    }

    /**
     * This model scoring with the given vectors: needed (and only meaningful) when it was trained with the same kind
     * of vector; its {@code v:} weights then apply.
     */
    public LinearSupportModel withSemantic(SemanticVector vectors) {
        return new LinearSupportModel(bias, weights, vectors);
    }

    /** The model shipped with Threadguard: cues, word classes and form, and meaning ({@link StaticSupportVectors}). */
    public static LinearSupportModel bundled() {
        return bundled(RESOURCE);
    }

    /**
     * The shipped model of the same features without meaning, trained on the same examples: how much a text's
     * phrasing reads as a request. The off-topic model reads this score ({@code CommentJudge}), as its weights were
     * fitted to it.
     */
    public static LinearSupportModel bundledCues() {
        return bundled(CUES_RESOURCE);
    }

    private static LinearSupportModel bundled(String resource) {
        try (InputStream in = LinearSupportModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("support-request weights " + resource + " are missing from the class path");
            }
            LinearSupportModel model = read(new InputStreamReader(in, StandardCharsets.UTF_8));
            // Trained with the static vectors' meaning features (SupportModelTrainer.main): scored with the same.
            return model.vectorWeights.length > 0 ? model.withSemantic(new StaticSupportVectors()) : model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read support-request weights " + resource, e);
        }
    }

    @Override
    public SupportAssessment assess(String text) {
        return assess(text, text == null ? "" : TextNormalizer.normalize(text));
    }

    @Override
    public SupportAssessment assess(String text, String normalized) {
        return assess(text, normalized, null);
    }

    /** Sums the weights of the text's features (cues, classes, words if the model has them, form, meaning). */
    @Override
    public SupportAssessment assess(String text, String normalized, float[] meaning) {
        return assess(text, normalized, meaning, null, null);
    }

    /**
     * This model's assessment and, from the same pass over the features, {@code second}'s score of the text (without
     * meaning; capped alike when the text is not covered): the judge needs both the shipped model and the cue model,
     * and the pass (phrase cues, word classes) is most of a model's cost.
     *
     * @return the assessment; {@code secondScore[0]} is set to {@code second}'s score
     * @throws IllegalArgumentException unless this model {@link #pairsWith} {@code second}
     */
    SupportAssessment assess(String text, String normalized, float[] meaning, LinearSupportModel second,
                             double[] secondScore) {
        if (second != null && !pairsWith(second)) {
            throw new IllegalArgumentException("the second support model reads meaning or other features than this one");
        }
        String[] words = SupportFeatures.words(normalized == null ? "" : normalized);
        double[] z = {bias, second == null ? 0 : second.bias};
        List<Evidence> evidence = new ArrayList<>();
        features.visit(text, words, withWords, (prefix, name, cue, phrase) -> {
            Map<String, Double> kind = byPrefix.get(prefix);
            Double w = kind == null ? null : kind.get(name);
            if (w != null) {
                z[0] += w;
                if (Math.abs(w) >= EVIDENCE_MIN) {
                    evidence.add(new Evidence(cue, phrase, w));
                }
            }
            if (second != null) {
                Map<String, Double> theirs = second.byPrefix.get(prefix);
                Double v = theirs == null ? null : theirs.get(name);
                z[1] += v == null ? 0 : v;
            }
        });
        if ((meaning != null || semantic != null) && vectorWeights.length > 0 && words.length > 0) {
            double about = dot(meaning != null ? meaning : semantic.vector(text));
            z[0] += about;
            if (Math.abs(about) >= EVIDENCE_MIN) {
                evidence.add(new Evidence(Cue.SEMANTIC, "what the text is about", about));
            }
        }
        evidence.sort(BY_CONTRIBUTION);
        double score = sigmoid(z[0]);
        boolean uncovered = uncovered(words);
        if (second != null) {
            secondScore[0] = uncovered ? Math.min(sigmoid(z[1]), ABSTAIN_CAP) : sigmoid(z[1]);
        }
        if (uncovered) {
            return new SupportAssessment(Math.min(score, ABSTAIN_CAP), evidence, true, score);
        }
        return new SupportAssessment(score, evidence, false, score);
    }

    /**
     * Whether {@link #assess(String, String, float[], LinearSupportModel, double[])} can score {@code second} in this
     * model's pass: it reads no meaning and the same features (words or not).
     */
    boolean pairsWith(LinearSupportModel second) {
        return second.vectorWeights.length == 0 && second.withWords == withWords;
    }

    private double dot(float[] v) {
        if (v.length != vectorWeights.length) {
            throw new IllegalStateException("semantic vector has " + v.length + " components, the model expects "
                    + vectorWeights.length);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i] * vectorWeights[i];
        }
        return sum;
    }

    /** Whether the words are (almost) all outside the grammar words of the covered languages. */
    static boolean uncovered(String[] words) {
        if (words.length < COVERAGE_MIN_WORDS) {
            return false;
        }
        int covered = 0;
        for (String w : words) {
            if (SupportWords.COVERED.contains(w)) {
                covered++;
            }
        }
        return covered < COVERED_SHARE * words.length;
    }

    /** The definition of the score without the cap: every extracted feature looked up by its key. */
    double scoreByFeatures(String text) {
        double z = bias;
        for (Feature f : features.extract(text, withWords)) {
            Double w = weights.get(f.key());
            if (w != null) {
                z += w;
            }
        }
        if (semantic != null && vectorWeights.length > 0 && !TextNormalizer.normalize(text == null ? "" : text).isEmpty()) {
            z += dot(semantic.vector(text));
        }
        return sigmoid(z);
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
