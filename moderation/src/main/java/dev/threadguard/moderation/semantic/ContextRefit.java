package dev.threadguard.moderation.semantic;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Refits the distilled rows to whole sentences, the idea of Model2Vec's "tokenlearn" (MinishLab, 2024:
 * github.com/MinishLab/tokenlearn): the transformer reads each text of a corpus, and the table's rows are fitted so
 * that the mean of a text's rows reproduces the transformer's vector of that text. A distilled row is the model's
 * output for its token alone; a refitted row is what the token contributes to the sentences it occurs in, which is
 * what a comment's mean of rows is compared by.
 *
 * <p>The fit is linear least squares with a ridge pull towards the distilled rows, solved exactly enough by
 * conjugate gradients (Hestenes and Stiefel, 1952) on the normal equations, one system per dimension:
 * <pre>
 *   minimise  sum over texts s of | (1/n_s) sum_{t in s} E[t] - c y_s |^2  +  ridge * sum over tokens t of | E[t] - E0[t] |^2
 * </pre>
 * where {@code E0} is the distilled table (its int8 rows times steps), {@code y_s} the transformer's unit vector of
 * text s centred by the corpus mean and projected on the table's principal axes, and {@code c} scales the targets to
 * the size of the distilled means (mean norm of the distilled text means over mean norm of the targets). A token the
 * corpus never uses keeps its distilled row, up to the refitted rows' own int8 steps (within half a step).
 *
 * <p>Deterministic: each text's target comes from its own single-threaded run (threads only split the texts), and
 * every sum of the fit runs in a fixed order in doubles, so the same corpus, model and distilled table give the same
 * bytes.
 */
public final class ContextRefit {
    /** Ridge towards the distilled rows: chosen on held-out corpus sentences (0.001-0.1 within 0.002 of each other). */
    static final float RIDGE = 0.1f;
    /** Conjugate-gradient iterations: the held-out fit changes in the fourth decimal after about 40. */
    static final int ITERATIONS = 60;

    private ContextRefit() {
    }

    /**
     * Refits {@code distilled}'s rows to {@code texts}.
     *
     * @param distilled the distilled table (its basis, rows and steps are read; a refit it carries is ignored)
     * @param texts the corpus, in a fixed order
     * @param tokenizer the table's word pieces
     * @param model the ONNX model the table was distilled from
     * @param threads transformer runs in parallel, ≥ 1 (the result does not depend on it)
     * @param progress told a line now and then
     * @return the refit, to be stored with the table ({@link TokenTable#withRefit})
     */
    static TokenTable.Refit fit(TokenTable distilled, List<String> texts, WordPieces tokenizer, byte[] model, int threads,
                                Consumer<String> progress) {
        int n = texts.size();
        int[][] pieces = new int[n][];
        float[][] targets = new float[n][];
        runTransformer(texts, tokenizer, model, threads, pieces, targets, progress);
        return fit(distilled, pieces, targets, WordNetGlosses.sha256(texts), progress);
    }

    /**
     * The fit itself, from the texts' word pieces and the transformer's unit vectors of them.
     *
     * @param pieces per text, its word-piece ids ([UNK] and ids outside the vocabulary are left out of its mean)
     * @param targets per text, the transformer's unit vector, shape [M]
     * @throws IllegalArgumentException when no text has a known piece, or the targets do not vary (one text, or
     *     copies of one): there is nothing to fit, and the scale would not be a number
     */
    static TokenTable.Refit fit(TokenTable distilled, int[][] pieces, float[][] targets, byte[] corpusSha256,
                                Consumer<String> progress) {
        int n = targets.length;
        int d = distilled.dimensions();
        int m = distilled.modelDimension();
        double[] targetMean = new double[m];
        for (float[] target : targets) {
            for (int k = 0; k < m; k++) {
                targetMean[k] += target[k];
            }
        }
        for (int k = 0; k < m; k++) {
            targetMean[k] /= n;
        }
        float[] targetMeanF = new float[m];
        for (int k = 0; k < m; k++) {
            targetMeanF[k] = (float) targetMean[k];
        }
        double[][] y = new double[n][];
        for (int s = 0; s < n; s++) {
            y[s] = project(targets[s], targetMean, distilled.basis());
            targets[s] = null;
        }

        Sparse a = Sparse.of(pieces, distilled.vocabularySize());
        double[][] e0 = dequantised(distilled.rows(), distilled.scales(), distilled.vocabularySize(), d);
        double targetSize = meanNorm(y, a);
        double scale = meanNorm(a.times(e0), a) / targetSize;
        if (!(targetSize > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("the corpus's " + n + " texts give no varying sentence vectors with known "
                    + "word pieces: nothing to refit to");
        }
        for (double[] row : y) {
            for (int j = 0; j < d; j++) {
                row[j] *= scale;
            }
        }
        progress.accept("fitting " + distilled.vocabularySize() + " x " + d + " rows to " + n + " texts (ridge " + RIDGE
                + ", " + ITERATIONS + " conjugate-gradient iterations)");
        double[][] fitted = solve(a, y, e0, RIDGE, ITERATIONS);
        float[][] rows = new float[fitted.length][d];
        for (int t = 0; t < fitted.length; t++) {
            for (int j = 0; j < d; j++) {
                rows[t][j] = (float) fitted[t][j];
            }
        }
        // Quantised as the distilled rows are: each column's step is its largest magnitude / 127.
        float[] steps = Distillation.scales(rows, d);
        return new TokenTable.Refit(corpusSha256, n, RIDGE, ITERATIONS, (float) scale, targetMeanF, steps,
                Distillation.quantisedRows(rows, steps, d));
    }

    private static void runTransformer(List<String> texts, WordPieces tokenizer, byte[] model, int threads,
                                       int[][] pieces, float[][] targets, Consumer<String> progress) {
        int n = texts.size();
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] futures = new Future<?>[threads];
            for (int w = 0; w < threads; w++) {
                int first = w;
                futures[w] = pool.submit(() -> {
                    try (TokenOutputs transformer = new TokenOutputs(model)) {
                        for (int s = first; s < n; s += threads) {
                            int[] ids = tokenizer.ids(texts.get(s));
                            pieces[s] = ids.length > TokenOutputs.MAX_PIECES ? Arrays.copyOf(ids, TokenOutputs.MAX_PIECES) : ids;
                            targets[s] = unit(transformer.pooled(pieces[s]));
                            int count = done.incrementAndGet();
                            if (count % 20_000 == 0) {
                                progress.accept(count + " of " + n + " texts through the model, "
                                        + (System.nanoTime() - start) / 1_000_000_000 + " s");
                            }
                        }
                    }
                    return null;
                });
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the corpus through the model", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the model failed on the corpus", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Conjugate gradients for (AᵀA + ridge·I) E = AᵀY + ridge·E0, from E0, each column its own system. */
    static double[][] solve(Sparse a, double[][] y, double[][] e0, double ridge, int iterations) {
        int d = e0[0].length;
        double[][] x = copy(e0);
        double[][] rhs = a.transposeTimes(y);
        add(rhs, e0, ridge);
        double[][] r = rhs;
        subtract(r, normal(a, x, ridge));
        double[][] p = copy(r);
        double[] rr = columnDots(r, r, d);
        for (int it = 0; it < iterations; it++) {
            double[][] ap = normal(a, p, ridge);
            double[] pap = columnDots(p, ap, d);
            double[] alpha = new double[d];
            for (int j = 0; j < d; j++) {
                alpha[j] = pap[j] == 0 ? 0 : rr[j] / pap[j];
            }
            for (int t = 0; t < x.length; t++) {
                for (int j = 0; j < d; j++) {
                    x[t][j] += alpha[j] * p[t][j];
                    r[t][j] -= alpha[j] * ap[t][j];
                }
            }
            double[] next = columnDots(r, r, d);
            for (int t = 0; t < p.length; t++) {
                for (int j = 0; j < d; j++) {
                    p[t][j] = r[t][j] + (rr[j] == 0 ? 0 : next[j] / rr[j]) * p[t][j];
                }
            }
            rr = next;
        }
        return x;
    }

    private static double[][] normal(Sparse a, double[][] x, double ridge) {
        double[][] out = a.transposeTimes(a.times(x));
        add(out, x, ridge);
        return out;
    }

    /**
     * A texts × vocabulary matrix whose row s holds 1/n_s for each of text s's n_s known word pieces (summed where a
     * piece repeats): row s times a table is the mean of the text's rows. Compressed rows.
     */
    record Sparse(int rows, int columns, int[] start, int[] column, double[] value) {
        static Sparse of(int[][] pieces, int vocabulary) {
            int[] start = new int[pieces.length + 1];
            int[] column = new int[Arrays.stream(pieces).mapToInt(p -> p.length).sum()];
            double[] value = new double[column.length];
            int at = 0;
            for (int s = 0; s < pieces.length; s++) {
                int[] known = Arrays.stream(pieces[s]).filter(id -> id != WordPieces.UNKNOWN && id >= 0 && id < vocabulary)
                        .sorted().toArray();
                start[s] = at;
                for (int i = 0; i < known.length; i++) {
                    if (i > 0 && known[i] == known[i - 1]) {
                        value[at - 1] += 1.0 / known.length;
                    } else {
                        column[at] = known[i];
                        value[at++] = 1.0 / known.length;
                    }
                }
            }
            start[pieces.length] = at;
            return new Sparse(pieces.length, vocabulary, start, Arrays.copyOf(column, at), Arrays.copyOf(value, at));
        }

        boolean empty(int row) {
            return start[row] == start[row + 1];
        }

        double[][] times(double[][] x) {
            int d = x[0].length;
            double[][] out = new double[rows][d];
            for (int s = 0; s < rows; s++) {
                double[] o = out[s];
                for (int i = start[s]; i < start[s + 1]; i++) {
                    double v = value[i];
                    double[] xr = x[column[i]];
                    for (int j = 0; j < d; j++) {
                        o[j] += v * xr[j];
                    }
                }
            }
            return out;
        }

        double[][] transposeTimes(double[][] y) {
            int d = y[0].length;
            double[][] out = new double[columns][d];
            for (int s = 0; s < rows; s++) {
                double[] ys = y[s];
                for (int i = start[s]; i < start[s + 1]; i++) {
                    double v = value[i];
                    double[] o = out[column[i]];
                    for (int j = 0; j < d; j++) {
                        o[j] += v * ys[j];
                    }
                }
            }
            return out;
        }
    }

    /** Mean L2 norm of the vectors of texts with a known piece; 0 when there is none. */
    private static double meanNorm(double[][] vectors, Sparse a) {
        double sum = 0;
        int counted = 0;
        for (int s = 0; s < vectors.length; s++) {
            if (!a.empty(s)) {
                double norm = 0;
                for (double v : vectors[s]) {
                    norm += v * v;
                }
                sum += Math.sqrt(norm);
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    private static double[] project(float[] vector, double[] mean, float[][] basis) {
        double[] out = new double[basis.length];
        for (int j = 0; j < basis.length; j++) {
            double sum = 0;
            for (int k = 0; k < vector.length; k++) {
                sum += basis[j][k] * (vector[k] - mean[k]);
            }
            out[j] = sum;
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        double inverse = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) (v[k] * inverse);
        }
        return out;
    }

    static double[][] dequantised(byte[] rows, float[] steps, int vocabulary, int d) {
        double[][] out = new double[vocabulary][d];
        for (int t = 0; t < vocabulary; t++) {
            for (int j = 0; j < d; j++) {
                out[t][j] = rows[t * d + j] * (double) steps[j];
            }
        }
        return out;
    }

    private static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = x[t].clone();
        }
        return out;
    }

    private static void add(double[][] into, double[][] x, double factor) {
        for (int t = 0; t < into.length; t++) {
            for (int j = 0; j < into[t].length; j++) {
                into[t][j] += factor * x[t][j];
            }
        }
    }

    private static void subtract(double[][] into, double[][] x) {
        for (int t = 0; t < into.length; t++) {
            for (int j = 0; j < into[t].length; j++) {
                into[t][j] -= x[t][j];
            }
        }
    }

    private static double[] columnDots(double[][] a, double[][] b, int d) {
        double[] out = new double[d];
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < d; j++) {
                out[j] += a[t][j] * b[t][j];
            }
        }
        return out;
    }
}
