package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed table is what {@code ./threadguard distil} makes from the model in the class path. A full rebuild
 * takes minutes (that is {@code distil --verify}); here a deterministic sample of rows is rebuilt from the model
 * through the committed mean, basis, weights and steps, and must equal the committed bytes exactly.
 */
class DistilledTableTest {
    /** Every 97th distilled token, plus the first and last: about 300 transformer runs, a few seconds. */
    private static final int STRIDE = 97;

    private static TokenTable table;
    private static String[] vocabulary;

    @BeforeAll
    static void load() {
        table = StaticEmbeddings.shipped().table();
        vocabulary = SourceModel.vocabulary(SourceModel.tokenizerBytes());
    }

    @Test
    void tableWasDistilledFromTheShippedModelAndTokenizer() {
        assertThat(table.modelSha256()).isEqualTo(SourceModel.sha256(SourceModel.modelBytes()));
        assertThat(table.tokenizerSha256()).isEqualTo(SourceModel.sha256(SourceModel.tokenizerBytes()));
        assertThat(table.vocabularySize()).isEqualTo(vocabulary.length);
        assertThat(table.dimensions()).isEqualTo(Distillation.DEFAULT_DIMENSIONS);
        assertThat(table.sifCoefficient()).isEqualTo(Distillation.SIF_COEFFICIENT);
    }

    @Test
    void sampledRowsRebuiltThroughTheModelEqualTheCommittedRows() {
        int[] kept = Distillation.kept(vocabulary);
        double[] weights = Distillation.weights(vocabulary);
        List<Integer> sample = new ArrayList<>();
        for (int r = 0; r < kept.length; r += STRIDE) {
            sample.add(kept[r]);
        }
        sample.add(kept[kept.length - 1]);
        List<String> differing = new ArrayList<>();
        try (TokenOutputs model = new TokenOutputs(SourceModel.modelBytes())) {
            for (int id : sample) {
                float[] projected = Distillation.project(model.pooled(id), table.mean(), table.basis());
                byte[] rebuilt = Distillation.quantised(Distillation.weighted(projected, weights[id]), table.scales());
                if (!java.util.Arrays.equals(rebuilt, table.row(id))) {
                    differing.add(id + " (" + vocabulary[id] + ")");
                }
            }
        }
        assertThat(sample).hasSizeGreaterThan(300);
        assertThat(differing).as("rows that differ from a rebuild: a changed model, tokenizer or distillation "
                + "(rebuild with ./threadguard distil --out and commit), or ONNX Runtime computing differently on this CPU")
                .isEmpty();
    }

    @Test
    void basisIsOrthonormal() {
        float[][] basis = table.basis();
        for (int i = 0; i < basis.length; i++) {
            for (int j = i; j < basis.length; j++) {
                double dot = 0;
                for (int k = 0; k < basis[i].length; k++) {
                    dot += (double) basis[i][k] * basis[j][k];
                }
                assertThat(dot).as("axis %d · axis %d", i, j).isCloseTo(i == j ? 1 : 0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void everyColumnUsesTheFullInt8RangeAndPlaceholdersAreZero() {
        int d = table.dimensions();
        int[] largest = new int[d];
        for (int id = 0; id < table.vocabularySize(); id++) {
            byte[] row = table.row(id);
            for (int j = 0; j < d; j++) {
                largest[j] = Math.max(largest[j], Math.abs(row[j]));
            }
        }
        assertThat(largest).containsOnly(127);
        int[] placeholders = IntStream.range(0, vocabulary.length).filter(id -> vocabulary[id].startsWith("[unused")).toArray();
        assertThat(placeholders).hasSize(vocabulary.length - Distillation.kept(vocabulary).length);
        for (int id : placeholders) {
            assertThat(table.row(id)).containsOnly((byte) 0);
        }
    }
}
