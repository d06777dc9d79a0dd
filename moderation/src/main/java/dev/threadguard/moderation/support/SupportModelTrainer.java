package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportFeatures.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

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
     * @param cueL2Share     share of the regularisation the hand-written cues, classes and form features get: they
     *                       generalise, so they may carry more weight than any one word
     * @param withWords      learn single words and word pairs as well (off for the shipped model: wording learnt
     *                       from templated examples does not carry over to real comments)
     * @param requestShare   the share of requests the examples are weighted to (whatever their counts): below 0.5
     *                       because requests are rare among real comments, so a request must show more to score 0.5
     */
    public record Settings(int iterations, double learningRate, double l2, int minWordCount, double cueL2Share,
                           boolean withWords, double requestShare) {
        public static Settings defaults() {
            return new Settings(1500, 1.0, 0.002, 5, 1.0, false, 0.3);
        }
    }

    private SupportModelTrainer() {
    }

    public static LinearSupportModel train(List<Example> examples, Settings settings) {
        return train(examples, settings, null);
    }

    /**
     * Trains on the examples' features and, when {@code semantic} is given, the components of its vector as the
     * features {@code v:0..}; the model returned then needs {@link LinearSupportModel#withSemantic} to score.
     *
     * @throws IllegalArgumentException without examples of both classes
     */
    public static LinearSupportModel train(List<Example> examples, Settings settings, SemanticVector semantic) {
        SupportFeatures extractor = new SupportFeatures();
        List<List<String>> keysPerExample = new ArrayList<>(examples.size());
        Map<String, Integer> counts = new HashMap<>();
        float[][] vectors = new float[examples.size()][];
        int dimensions = 0;
        for (int r = 0; r < examples.size(); r++) {
            Example ex = examples.get(r);
            Set<String> keys = new TreeSet<>();
            for (Feature f : extractor.extract(ex.text(), settings.withWords())) {
                keys.add(f.key());
            }
            keys.forEach(k -> counts.merge(k, 1, Integer::sum));
            keysPerExample.add(List.copyOf(keys));
            vectors[r] = semantic == null ? new float[0] : semantic.vector(ex.text());
            dimensions = vectors[r].length;
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
        int sparse = keys.size();
        for (int d = 0; d < dimensions; d++) {
            keys.add(SupportFeatures.VECTOR_PREFIX + d);
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
            sampleWeight[r] = examples.get(r).request() ? examples.size() * settings.requestShare() / positives
                    : examples.size() * (1 - settings.requestShare()) / negatives;
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
                for (int d = 0; d < dimensions; d++) {
                    z += w[sparse + d] * vectors[r][d];
                }
                double err = (LinearSupportModel.sigmoid(z) - y[r]) * sampleWeight[r];
                gradBias += err;
                for (int j : rows[r]) {
                    grad[j] += err;
                }
                for (int d = 0; d < dimensions; d++) {
                    grad[sparse + d] += err * vectors[r][d];
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
        LinearSupportModel model = new LinearSupportModel(Double.parseDouble(LinearSupportModel.format(bias)), weights);
        return semantic == null ? model : model.withSemantic(semantic);
    }

    private static boolean isWord(String key) {
        return key.startsWith(SupportFeatures.WORD_PREFIX) || key.startsWith(SupportFeatures.PAIR_PREFIX);
    }

    /** Slots every grammar of a training folder may use (fragments shared by requests and other comments). */
    static final String SHARED_SLOTS = "shared.slots";

    /** The seed of the shipped model's generated examples. */
    public static final long SEED = 20261105L;

    /**
     * Every example of a training folder, in a fixed order (files by name): {@code *.grammar} files expanded
     * ({@link SupportTrainingGrammar}) with {@code seed} plus the file's position, each preceded by the slots of
     * {@value #SHARED_SLOTS} if there is one, {@code support-requests*.txt}
     * (requests) and {@code not-support-requests*.txt} (other comments), one hand-written example a line.
     *
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static List<Example> load(Path folder, long seed) {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> sorted = files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            Path shared = folder.resolve(SHARED_SLOTS);
            String common = Files.exists(shared) ? Files.readString(shared, StandardCharsets.UTF_8) + "\n" : "";
            for (int i = 0; i < sorted.size(); i++) {
                Path file = sorted.get(i);
                String name = file.getFileName().toString();
                if (name.endsWith(".grammar")) {
                    out.addAll(SupportTrainingGrammar.expand(common + Files.readString(file, StandardCharsets.UTF_8), seed + i));
                } else if (name.startsWith("support-requests") && name.endsWith(".txt")) {
                    out.addAll(read(Files.newInputStream(file), true));
                } else if (name.startsWith("not-support-requests") && name.endsWith(".txt")) {
                    out.addAll(read(Files.newInputStream(file), false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training examples in " + folder, e);
        }
        // A text both labels claim would teach nothing but noise; the first label read wins.
        Set<String> seen = new HashSet<>();
        out.removeIf(e -> !seen.add(e.text()));
        return out;
    }

    /**
     * Trains both shipped models from a training folder and writes them: {@code SupportModelTrainer TRAINING_DIR
     * MODEL_TSV CUES_TSV} (shipped: {@code moderation/training/support}, and in
     * {@code moderation/src/main/resources/dev/threadguard/moderation/support/} {@code support-model.tsv}, with
     * meaning, and {@code support-cues-model.tsv}, without). The same folder always gives the same files.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SupportModelTrainer TRAINING_DIR MODEL_TSV CUES_TSV");
            System.exit(2);
        }
        List<Example> examples = load(Path.of(args[0]), SEED);
        write(train(examples, Settings.defaults(), new StaticSupportVectors()), Path.of(args[1]), header(examples, true));
        write(train(examples, Settings.defaults()), Path.of(args[2]), header(examples, false));
        System.out.printf("support-request models: %d examples (%d requests) -> %s, %s%n", examples.size(),
                examples.stream().filter(Example::request).count(), args[1], args[2]);
    }

    static void write(LinearSupportModel model, Path file, String header) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            model.write(out, header);
        }
    }

    /** A model file's header: what it was trained on and how to retrain it. */
    static String header(List<Example> examples, boolean withMeaning) {
        return "Learnt weights of the support-request model (logistic regression, see SupportModelTrainer), "
                + (withMeaning ? "with meaning: the static token vectors as features v:0..v:127 (StaticSupportVectors).\n"
                        : "cues only (the off-topic model's input; support-model.tsv adds meaning).\n")
                + "Trained on " + examples.size() + " examples (" + examples.stream().filter(Example::request).count()
                + " requests) from moderation/training/support/,\n"
                + "written for Threadguard by its authors. Do not edit by hand; retrain (from the repository root) with\n"
                + "mvn -B -o -pl moderation test -Dtest=SupportModelTrainingTest -Dsupport.retrain=true";
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
