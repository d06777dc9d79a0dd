package dev.threadguard.moderation.semantic;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Distils the shipped MiniLM into a static token-embedding table, the Model2Vec method (Tulkens and van Dongen, 2024):
 *
 * <ol>
 *   <li>every vocabulary token through the model on its own ({@link TokenOutputs}: {@code [CLS] token [SEP]},
 *       mean-pooled), in id order; the 994 {@code [unusedN]} placeholders are left out (their rows stay zero);</li>
 *   <li>PCA of those outputs (covariance of the centred outputs, eigen-decomposition: Commons Math) to {@code D} dimensions; each axis's sign
 *       is fixed so that its largest component is positive, so a rebuild gives the same basis;</li>
 *   <li>frequency weighting: WordPiece vocabularies are ordered roughly by frequency, so a token's rank r (0-based,
 *       among the kept tokens) estimates its probability by Zipf's law, p(r) = (1/(r+2)) / sum_i 1/(i+2), and its
 *       row is multiplied by the SIF weight a / (a + p(r)) with a = 1e-4 (Model2Vec's current default): frequent
 *       tokens ("the", "is") weigh less, rare ones about 1;</li>
 *   <li>int8 quantisation per dimension: step = the column's largest magnitude / 127.</li>
 * </ol>
 *
 * A text's vector is then the mean of its tokens' rows ({@link StaticEmbeddings}). Deterministic: the same model and
 * tokenizer bytes give the same table bytes (single ONNX thread, fixed order, strict Java arithmetic).
 */
public final class Distillation {
    /** The dimensions kept by default: measured against 64 and 256 in docs/static-embeddings.md. */
    public static final int DEFAULT_DIMENSIONS = 128;
    static final float SIF_COEFFICIENT = 1e-4f;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[unused\\d+]");

    private Distillation() {
    }

    /**
     * Distils the table from the model in the class path; a few minutes on a shared 2-core machine.
     *
     * @param dimensions components kept, 1..384
     * @param progress told a line now and then (tokens done, PCA, quantisation)
     * @return the table's bytes, as {@link StaticEmbeddings} reads them
     * @throws IllegalArgumentException when {@code dimensions} is out of range
     */
    public static byte[] distil(int dimensions, Consumer<String> progress) {
        return distilTable(dimensions, progress).toBytes();
    }

    /**
     * Distils the table, then refits its rows to the sentences of {@code corpus} ({@link ContextRefit}); about ten
     * minutes of CPU for WordNet's 160,181 glosses.
     *
     * @param corpus the refit's texts, in a fixed order ({@link WordNetGlosses#read})
     * @param threads transformer runs in parallel for the refit (the bytes do not depend on it)
     * @return the table's bytes with its refit, as {@link StaticEmbeddings} reads them
     * @throws IllegalArgumentException when {@code dimensions} is out of range or the corpus is empty
     */
    public static byte[] distil(int dimensions, List<String> corpus, int threads, Consumer<String> progress) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("the refit's corpus is empty");
        }
        TokenTable distilled = distilTable(dimensions, progress);
        byte[] tokenizer = SourceModel.tokenizerBytes();
        WordPieces pieces = new WordPieces(SourceModel.vocabulary(tokenizer), SourceModel.MAX_TOKENS);
        long start = System.nanoTime();
        TokenTable.Refit refit = ContextRefit.fit(distilled, corpus, pieces, SourceModel.modelBytes(), Math.max(1, threads),
                progress);
        progress.accept("refit done in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        return distilled.withRefit(refit).toBytes();
    }

    /**
     * A table's bytes without its refit: what {@link #distil(int, Consumer)} alone makes, to compare with.
     *
     * @throws java.io.IOException when the bytes are not a token table
     */
    public static byte[] withoutRefit(byte[] table) throws java.io.IOException {
        TokenTable read = TokenTable.read(new java.io.ByteArrayInputStream(table));
        return new TokenTable(read.vocabularySize(), read.modelDimension(), read.dimensions(), read.sifCoefficient(),
                read.modelSha256(), read.tokenizerSha256(), read.mean(), read.basis(), read.scales(), read.rows(), null)
                .toBytes();
    }

    static TokenTable distilTable(int dimensions, Consumer<String> progress) {
        if (dimensions < 1 || dimensions > 384) {
            throw new IllegalArgumentException("dimensions must be 1..384, not " + dimensions);
        }
        byte[] model = SourceModel.modelBytes();
        byte[] tokenizer = SourceModel.tokenizerBytes();
        String[] vocabulary = SourceModel.vocabulary(tokenizer);
        int[] kept = kept(vocabulary);
        float[][] outputs = new float[kept.length][];
        long start = System.nanoTime();
        try (TokenOutputs transformer = new TokenOutputs(model)) {
            for (int r = 0; r < kept.length; r++) {
                outputs[r] = transformer.pooled(kept[r]);
                if ((r + 1) % 5000 == 0) {
                    progress.accept((r + 1) + " of " + kept.length + " tokens through the model, "
                            + (System.nanoTime() - start) / 1_000_000_000 + " s");
                }
            }
        }
        progress.accept("PCA of " + kept.length + " x " + outputs[0].length);
        float[] mean = mean(outputs);
        float[][] basis = principalAxes(outputs, mean, dimensions);
        double[] weights = weights(vocabulary);
        float[][] weighted = new float[vocabulary.length][];
        for (int r = 0; r < kept.length; r++) {
            weighted[kept[r]] = weighted(project(outputs[r], mean, basis), weights[kept[r]]);
        }
        float[] scales = scales(weighted, dimensions);
        byte[] rows = quantisedRows(weighted, scales, dimensions);
        progress.accept("done in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        return new TokenTable(vocabulary.length, outputs[0].length, dimensions, SIF_COEFFICIENT, SourceModel.sha256(model),
                SourceModel.sha256(tokenizer), mean, basis, scales, rows, null);
    }

    /** The ids distilled, ascending: every token but the {@code [unusedN]} placeholders. */
    static int[] kept(String[] vocabulary) {
        return IntStream.range(0, vocabulary.length).filter(id -> !PLACEHOLDER.matcher(vocabulary[id]).matches()).toArray();
    }

    /** SIF weight per token id (shape [V]); 0 for the placeholders. */
    static double[] weights(String[] vocabulary) {
        int[] kept = kept(vocabulary);
        double norm = 0;
        for (int r = 0; r < kept.length; r++) {
            norm += 1.0 / (r + 2);
        }
        double[] weights = new double[vocabulary.length];
        for (int r = 0; r < kept.length; r++) {
            double p = (1.0 / (r + 2)) / norm;
            weights[kept[r]] = SIF_COEFFICIENT / (SIF_COEFFICIENT + p);
        }
        return weights;
    }

    /** {@code basis · (pooled − mean)}, shape [D]: a token's coordinates on the principal axes. */
    static float[] project(float[] pooled, float[] mean, float[][] basis) {
        float[] out = new float[basis.length];
        for (int j = 0; j < basis.length; j++) {
            double sum = 0;
            for (int k = 0; k < pooled.length; k++) {
                sum += (double) basis[j][k] * ((double) pooled[k] - mean[k]);
            }
            out[j] = (float) sum;
        }
        return out;
    }

    static float[] weighted(float[] projected, double weight) {
        float[] out = new float[projected.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (projected[j] * weight);
        }
        return out;
    }

    /** Round to the nearest step, clamped to ±127 (a row beyond the table's largest would be clamped). */
    static byte[] quantised(float[] row, float[] scales) {
        byte[] out = new byte[row.length];
        for (int j = 0; j < row.length; j++) {
            long q = scales[j] == 0 ? 0 : Math.round((double) row[j] / scales[j]);
            out[j] = (byte) Math.max(-127, Math.min(127, q));
        }
        return out;
    }

    /** All rows quantised ({@link #quantised}) into one V x D array; a null row (a placeholder) stays zero. */
    static byte[] quantisedRows(float[][] rows, float[] scales, int dimensions) {
        byte[] out = new byte[rows.length * dimensions];
        for (int id = 0; id < rows.length; id++) {
            if (rows[id] != null) {
                System.arraycopy(quantised(rows[id], scales), 0, out, id * dimensions, dimensions);
            }
        }
        return out;
    }

    /** Each column's int8 step: its largest magnitude over the rows (null rows skipped) / 127. */
    static float[] scales(float[][] rows, int dimensions) {
        float[] scales = new float[dimensions];
        for (float[] row : rows) {
            if (row != null) {
                for (int j = 0; j < dimensions; j++) {
                    scales[j] = Math.max(scales[j], Math.abs(row[j]));
                }
            }
        }
        for (int j = 0; j < dimensions; j++) {
            scales[j] = scales[j] / 127f;
        }
        return scales;
    }

    private static float[] mean(float[][] outputs) {
        float[] mean = new float[outputs[0].length];
        for (int k = 0; k < mean.length; k++) {
            double sum = 0;
            for (float[] row : outputs) {
                sum += row[k];
            }
            mean[k] = (float) (sum / outputs.length);
        }
        return mean;
    }

    /** The {@code dimensions} eigenvectors of the outputs' covariance with the largest eigenvalues, as float rows. */
    private static float[][] principalAxes(float[][] outputs, float[] mean, int dimensions) {
        double[][] centred = new double[outputs.length][];
        for (int r = 0; r < outputs.length; r++) {
            centred[r] = new double[outputs[r].length];
            for (int k = 0; k < outputs[r].length; k++) {
                centred[r][k] = (double) outputs[r][k] - mean[k];
            }
        }
        // Covariance = XᵀX / n of the centred outputs; Commons Math's cache-blocked product takes seconds where its
        // Covariance class, which copies a column per pair of columns, takes minutes.
        BlockRealMatrix x = new BlockRealMatrix(centred);
        RealMatrix covariance = x.transpose().multiply(x).scalarMultiply(1.0 / outputs.length);
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i));
        float[][] basis = new float[dimensions][];
        for (int j = 0; j < dimensions; j++) {
            RealVector axis = eigen.getEigenvector(order[j]);
            int largest = 0;
            for (int k = 1; k < axis.getDimension(); k++) {
                if (Math.abs(axis.getEntry(k)) > Math.abs(axis.getEntry(largest))) {
                    largest = k;
                }
            }
            double sign = axis.getEntry(largest) < 0 ? -1 : 1;
            basis[j] = new float[axis.getDimension()];
            for (int k = 0; k < basis[j].length; k++) {
                basis[j][k] = (float) (sign * axis.getEntry(k));
            }
        }
        return basis;
    }
}
