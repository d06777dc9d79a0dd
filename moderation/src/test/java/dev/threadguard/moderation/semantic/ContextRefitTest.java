package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextRefitTest {
    private static final int VOCABULARY = 200;
    private static final int D = 8;

    @Test
    void sparseRowsAreTheMeanOfATextsKnownPiecesCountingRepeats() {
        ContextRefit.Sparse a = ContextRefit.Sparse.of(new int[][] {{5, 7, 5, WordPieces.UNKNOWN}, {}}, VOCABULARY);
        double[][] table = new double[VOCABULARY][2];
        table[5] = new double[] {1, 0};
        table[7] = new double[] {0, 3};
        double[][] means = a.times(table);
        // [UNK] is left out as the serving vector leaves it out: (2 x row 5 + row 7) / 3.
        assertThat(means[0]).containsExactly(new double[] {2.0 / 3, 1.0}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(means[1]).containsExactly(0.0, 0.0);
        assertThat(a.empty(1)).isTrue();
    }

    @Test
    void conjugateGradientsRecoverRowsThatExplainTheTargetsExactly() {
        Random random = new Random(42);
        int[][] texts = new int[3000][];
        for (int s = 0; s < texts.length; s++) {
            texts[s] = random.ints(3 + random.nextInt(10), 0, VOCABULARY - 20).toArray(); // the last 20 tokens unused
        }
        double[][] truth = gaussian(random, VOCABULARY);
        ContextRefit.Sparse a = ContextRefit.Sparse.of(texts, VOCABULARY);
        double[][] targets = a.times(truth);
        double[][] prior = gaussian(random, VOCABULARY);

        double[][] fitted = ContextRefit.solve(a, targets, prior, 1e-9, 300);

        double[][] reproduced = a.times(fitted);
        double error = 0;
        double size = 0;
        for (int s = 0; s < texts.length; s++) {
            for (int j = 0; j < D; j++) {
                error += Math.pow(reproduced[s][j] - targets[s][j], 2);
                size += targets[s][j] * targets[s][j];
            }
        }
        assertThat(error / size).as("relative squared error of the refitted means").isLessThan(1e-6);
        for (int t = VOCABULARY - 20; t < VOCABULARY; t++) {
            assertThat(fitted[t]).as("a token no text uses keeps its prior row").containsExactly(prior[t],
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aStrongRidgeKeepsTheDistilledRows() {
        Random random = new Random(7);
        int[][] texts = {{1, 2}, {2, 3}, {1, 3, 4}};
        ContextRefit.Sparse a = ContextRefit.Sparse.of(texts, VOCABULARY);
        double[][] prior = gaussian(random, VOCABULARY);
        double[][] fitted = ContextRefit.solve(a, a.times(gaussian(random, VOCABULARY)), prior, 1e9, 20);
        for (int t = 0; t < VOCABULARY; t++) {
            assertThat(fitted[t]).containsExactly(prior[t], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void afterAsManyIterationsAsUnknownsTheRowsAreTheExactRidgeSolution() {
        // Six tokens used, two dimensions: conjugate gradients reach the exact solution of a 6-unknown system in six
        // steps (in exact arithmetic); steepest descent would not.
        int[][] texts = {{0, 1}, {1, 2, 2}, {2, 3}, {3, 4, 0}, {4, 5}, {5, 0, 1, 2}, {1, 3, 5}};
        Random random = new Random(3);
        ContextRefit.Sparse a = ContextRefit.Sparse.of(texts, 6);
        double[][] targets = new double[texts.length][2];
        for (double[] t : targets) {
            t[0] = random.nextGaussian();
            t[1] = random.nextGaussian();
        }
        double[][] prior = new double[6][2];
        for (double[] p : prior) {
            p[0] = random.nextGaussian();
            p[1] = random.nextGaussian();
        }
        double[][] fitted = ContextRefit.solve(a, targets, prior, 0.1, 6);

        // The normal equations (AᵀA + 0.1 I) E = AᵀY + 0.1 E0, solved directly (LU, Commons Math).
        double[][] dense = new double[texts.length][6];
        for (int s = 0; s < texts.length; s++) {
            for (int t : texts[s]) {
                dense[s][t] += 1.0 / texts[s].length;
            }
        }
        org.apache.commons.math3.linear.RealMatrix m = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(dense);
        org.apache.commons.math3.linear.RealMatrix normal = m.transpose().multiply(m)
                .add(org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(6).scalarMultiply(0.1));
        org.apache.commons.math3.linear.RealMatrix rhs = m.transpose().multiply(
                org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(targets))
                .add(org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(prior).scalarMultiply(0.1));
        double[][] exact = new org.apache.commons.math3.linear.LUDecomposition(normal).getSolver().solve(rhs).getData();
        for (int t = 0; t < 6; t++) {
            assertThat(fitted[t]).as("row %d", t).containsExactly(exact[t], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void theFitCentresAndScalesTheTargetsAndKeepsUnusedTokensWithinHalfAStep() {
        // A table of 4 tokens x 2 dimensions over a 3-dimensional model space (the basis keeps its first two axes).
        TokenTable distilled = new TokenTable(4, 3, 2, 1e-4f, new byte[32], new byte[32], new float[3],
                new float[][] {{1, 0, 0}, {0, 1, 0}}, new float[] {0.01f, 0.01f},
                new byte[] {100, 0, 0, 100, -100, 0, 50, 50}, null);
        int[][] pieces = {{0}, {1}, {0, 1}};
        float[][] targets = {{1, 0, 0}, {0, 1, 0}, {0.6f, 0.8f, 0}};
        TokenTable.Refit refit = ContextRefit.fit(distilled, pieces, targets, new byte[32], line -> { });

        assertThat(refit.texts()).isEqualTo(3);
        assertThat(refit.targetMean()).containsExactly(new float[] {0.5333333f, 0.6f, 0}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(refit.targetScale()).isPositive().matches(Float::isFinite);
        TokenTable table = distilled.withRefit(refit);
        float[] unused = {table.servingRows()[3 * 2] * refit.scales()[0], table.servingRows()[3 * 2 + 1] * refit.scales()[1]};
        assertThat(unused[0]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(refit.scales()[0] / 2 + 1e-6f));
        assertThat(unused[1]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(refit.scales()[1] / 2 + 1e-6f));
        // Text 0 is above the mean on the first axis and text 1 below it: their one-token rows point that way.
        assertThat(table.servingRows()[0]).isPositive();
        assertThat(table.servingRows()[2]).isNegative();
    }

    @Test
    void aCorpusWhoseVectorsDoNotVaryIsRefusedRatherThanFittedToNaN() {
        TokenTable distilled = new TokenTable(4, 3, 2, 1e-4f, new byte[32], new byte[32], new float[3],
                new float[][] {{1, 0, 0}, {0, 1, 0}}, new float[] {0.01f, 0.01f},
                new byte[] {100, 0, 0, 100, -100, 0, 50, 50}, null);
        float[] same = {0.6f, 0.8f, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextRefit.fit(distilled, new int[][] {{0, 1}, {0, 1}},
                new float[][] {same, same.clone()}, new byte[32], line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to refit to");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextRefit.fit(distilled, new int[][] {{}, {WordPieces.UNKNOWN}},
                new float[][] {{1, 0, 0}, {0, 1, 0}}, new byte[32], line -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[][] gaussian(Random random, int rows) {
        double[][] out = new double[rows][D];
        for (double[] row : out) {
            for (int j = 0; j < D; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return out;
    }
}
