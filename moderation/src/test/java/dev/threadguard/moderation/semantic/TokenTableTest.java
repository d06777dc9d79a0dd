package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenTableTest {
    private static final String[] VOCABULARY = {"[PAD]", "cat", "dog", "car"};

    private static TokenTable distilled() {
        byte[] rows = {0, 0, 10, 0, 0, 10, -10, 0};
        return new TokenTable(4, 3, 2, 1e-4f, new byte[32], new byte[32], new float[] {0, 0, 0},
                new float[][] {{1, 0, 0}, {0, 1, 0}}, new float[] {0.5f, 0.25f}, rows, null);
    }

    private static TokenTable.Refit refit() {
        byte[] rows = {0, 0, 0, 10, 0, 10, 10, 0};
        return new TokenTable.Refit(new byte[32], 7, 0.1f, 60, 1.5f, new float[] {0.1f, 0.2f, 0.3f},
                new float[] {1f, 2f}, rows);
    }

    @Test
    void aRefittedTableReadsBackWithItsRefitAndServesTheRefittedRows() throws IOException {
        TokenTable written = distilled().withRefit(refit());
        TokenTable read = TokenTable.read(new ByteArrayInputStream(written.toBytes()));

        assertThat(read.rows()).isEqualTo(written.rows());
        assertThat(read.refit().texts()).isEqualTo(7);
        assertThat(read.refit().targetMean()).containsExactly(0.1f, 0.2f, 0.3f);
        assertThat(read.servingRows()).isEqualTo(refit().rows());
        assertThat(read.servingScales()).containsExactly(1f, 2f);

        StaticEmbeddings embeddings = new StaticEmbeddings(read, new WordPieces(VOCABULARY, 512));
        // "cat" is (0, 10) x (1, 2) refitted, so its unit vector points along the second axis; distilled it was the first.
        assertThat(embeddings.vector("cat")).containsExactly(0f, 1f);
        assertThat(new StaticEmbeddings(distilled(), new WordPieces(VOCABULARY, 512)).vector("cat")).containsExactly(1f, 0f);
    }

    @Test
    void aTableWithoutRefitServesItsDistilledRows() throws IOException {
        TokenTable read = TokenTable.read(new ByteArrayInputStream(distilled().toBytes()));
        assertThat(read.refit()).isNull();
        assertThat(read.servingRows()).isEqualTo(distilled().rows());
    }

    @Test
    void aFormatOneTableStillReads() throws IOException {
        byte[] two = distilled().toBytes();
        byte[] one = Arrays.copyOf(two, two.length - 1); // format 1 had no refit flag
        one[7] = 1; // the version int, big-endian, after the 4-byte magic
        TokenTable read = TokenTable.read(new ByteArrayInputStream(one));
        assertThat(read.refit()).isNull();
        assertThat(read.rows()).isEqualTo(distilled().rows());
    }

    @Test
    void aRefitFlagOtherThanZeroOrOneIsRefused() {
        byte[] bytes = distilled().toBytes();
        bytes[bytes.length - 1] = 2;
        assertThatThrownBy(() -> TokenTable.read(new ByteArrayInputStream(bytes))).isInstanceOf(IOException.class)
                .hasMessageContaining("refit flag is 2");
    }

    @Test
    void aRefitOfAnotherShapeOrWithANonFiniteStepIsRefused() {
        TokenTable.Refit wrongRows = new TokenTable.Refit(new byte[32], 7, 0.1f, 60, 1.5f, new float[3], new float[2], new byte[6]);
        assertThatThrownBy(() -> distilled().withRefit(wrongRows)).isInstanceOf(IllegalArgumentException.class);
        TokenTable.Refit nan = new TokenTable.Refit(new byte[32], 7, 0.1f, 60, Float.NaN, new float[3], new float[2], new byte[8]);
        assertThatThrownBy(() -> distilled().withRefit(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void aTruncatedRefitIsRefused() {
        byte[] bytes = distilled().withRefit(refit()).toBytes();
        assertThatThrownBy(() -> TokenTable.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))))
                .isInstanceOf(IOException.class);
    }
}
