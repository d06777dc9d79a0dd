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
