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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    private static final Comparator<Evidence> BY_CONTRIBUTION =
            Comparator.comparingDouble((Evidence e) -> -Math.abs(e.weight())).thenComparing(Evidence::phrase);

    private final double bias;
    private final Map<String, Double> weights;
    private final SupportFeatures features = new SupportFeatures();
    /**
     * The weights split by kind of feature ({@link SupportFeatures}), so that scoring looks words up as they are
     * instead of building a key string ("w:word", "b:word pair") for every word and pair of every comment.
     */
    private final Map<String, Double> cueWeights = new HashMap<>();
    private final Map<String, Double> wordWeights = new HashMap<>();
    private final Map<String, Map<String, Double>> pairWeights = new HashMap<>();
    private final Map<String, Double> formWeights = new HashMap<>();

    LinearSupportModel(double bias, Map<String, Double> weights) {
        this.bias = bias;
        this.weights = Map.copyOf(weights);
        this.weights.forEach((key, w) -> {
            if (key.startsWith(SupportFeatures.CUE_PREFIX)) {
                cueWeights.put(key.substring(SupportFeatures.CUE_PREFIX.length()), w);
            } else if (key.startsWith(SupportFeatures.WORD_PREFIX)) {
                wordWeights.put(key.substring(SupportFeatures.WORD_PREFIX.length()), w);
            } else if (key.startsWith(SupportFeatures.PAIR_PREFIX)) {
                String pair = key.substring(SupportFeatures.PAIR_PREFIX.length());
                int space = pair.indexOf(' ');
                if (space > 0) {
                    pairWeights.computeIfAbsent(pair.substring(0, space), k -> new HashMap<>()).put(pair.substring(space + 1), w);
                }
            } else {
                formWeights.put(key, w);
            }
        });
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
        return assess(text, text == null ? "" : TextNormalizer.normalize(text));
    }

    /**
     * The same sum as {@link #assessByFeatures}, in the same order (cues, then each word and the pair it starts, then
     * the form), but looking only for the features that have a weight, without building the others.
     */
    @Override
    public SupportAssessment assess(String text, String normalized) {
        double z = bias;
        List<Evidence> evidence = new ArrayList<>();
        if (text == null || text.isBlank() || normalized.isEmpty()) {
            return new SupportAssessment(sigmoid(z), evidence);
        }
        String[] words = normalized.split(" ");
        boolean question = text.indexOf('?') >= 0;
        for (SupportCues.Match m : features.cues().find(words, question)) {
            z += add(cueWeights.get(m.definition().name()), m.definition().cue(), m.phrase(), evidence);
        }
        Set<String> seenWords = new HashSet<>();
        Set<String> seenPairs = new HashSet<>();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            Double w = wordWeights.get(word);
            if (w != null && !SupportFeatures.NO_UNIGRAM.contains(word) && seenWords.add(word)) {
                z += add(w, Cue.WORDING, word, evidence);
            }
            Map<String, Double> next = i + 1 < words.length ? pairWeights.get(word) : null;
            Double pw = next == null ? null : next.get(words[i + 1]);
            if (pw != null) {
                String pair = word + " " + words[i + 1];
                if (seenPairs.add(pair)) {
                    z += add(pw, Cue.WORDING, pair, evidence);
                }
            }
        }
        int firstPerson = 0;
        for (String w : words) {
            if (SupportFeatures.FIRST_PERSON_WORDS.contains(w)) {
                firstPerson++;
            }
        }
        if (question) {
            z += add(formWeights.get(SupportFeatures.QUESTION), Cue.FORM, SupportFeatures.QUESTION_PHRASE, evidence);
        }
        if (firstPerson >= 1) {
            z += add(formWeights.get(SupportFeatures.FIRST_PERSON), Cue.FORM, SupportFeatures.FIRST_PERSON_PHRASE, evidence);
        }
        if (firstPerson >= 3) {
            z += add(formWeights.get(SupportFeatures.MUCH_FIRST_PERSON), Cue.FORM, SupportFeatures.MUCH_FIRST_PERSON_PHRASE, evidence);
        }
        if (words.length < SupportFeatures.SHORT_WORDS) {
            z += add(formWeights.get(SupportFeatures.SHORT), Cue.FORM, SupportFeatures.SHORT_PHRASE, evidence);
        } else if (words.length > SupportFeatures.LONG_WORDS) {
            z += add(formWeights.get(SupportFeatures.LONG), Cue.FORM, SupportFeatures.LONG_PHRASE, evidence);
        }
        evidence.sort(BY_CONTRIBUTION);
        return new SupportAssessment(sigmoid(z), evidence);
    }

    /** The weight to add (0 for a feature without one), noting it as evidence when it is worth showing. */
    private static double add(Double w, Cue cue, String phrase, List<Evidence> evidence) {
        if (w == null) {
            return 0.0;
        }
        if (Math.abs(w) >= EVIDENCE_MIN) {
            evidence.add(new Evidence(cue, phrase, w));
        }
        return w;
    }

    /** The definition of the score: every extracted feature looked up by its key. */
    SupportAssessment assessByFeatures(String text) {
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
        evidence.sort(BY_CONTRIBUTION);
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
