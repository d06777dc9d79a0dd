package dev.threadguard.moderation.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StaticEmbeddingsTest {
    private final StaticEmbeddings embeddings = StaticEmbeddings.shipped();

    @Test
    void vectorHasTheTablesDimensionsAndUnitLength() {
        float[] v = embeddings.vector("The ferry to the island was cancelled because of the storm.");
        assertThat(v).hasSize(embeddings.dimensions());
        assertThat(norm(v)).isCloseTo(1.0, Offset.offset(1e-5));
    }

    @Test
    void textWithoutKnownWordPiecesHasTheZeroVector() {
        assertThat(embeddings.vector("")).hasSize(embeddings.dimensions()).containsOnly(0f);
        assertThat(embeddings.vector("   \n\t ")).containsOnly(0f);
        // Emoji are outside MiniLM's vocabulary: the tokenizer gives [UNK], which carries no meaning.
        assertThat(embeddings.tokenIds("\uD83D\uDE00\uD83D\uDE00")).containsOnly(WordPieces.UNKNOWN);
        assertThat(embeddings.vector("\uD83D\uDE00\uD83D\uDE00")).containsOnly(0f);
        assertThatNullPointerException().isThrownBy(() -> embeddings.vector(null));
    }

    @Test
    void tokenizesLikeTheModelWithoutSpecialTokens() {
        int[] ids = embeddings.tokenIds("Hello WORLD");
        assertThat(ids).doesNotContain(101, 102, 0).hasSize(2);
        assertThat(embeddings.vector("Hello WORLD")).containsExactly(embeddings.vector("hello world"));
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        String text = "The bakery raised the price of bread again this week.";
        String paraphrase = "Bread costs more at the bakery after another price rise this week.";
        String unrelated = "The goalkeeper was injured during the second half of the match.";
        assertThat(cos(text, paraphrase)).isGreaterThan(cos(text, unrelated) + 0.2);
    }

    @Test
    void longTextsAreCutToTheTokenLimit() {
        String longText = "word ".repeat(5_000);
        assertThat(embeddings.tokenIds(longText)).hasSize(SourceModel.MAX_TOKENS);
        assertThat(norm(embeddings.vector(longText))).isCloseTo(1.0, Offset.offset(1e-5));
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> "comment number " + i + " about the harbour and its ferries").toList();
        List<float[]> sequential = texts.stream().map(embeddings::vector).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> parallel = texts.stream().map(t -> pool.submit(() -> embeddings.vector(t))).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(parallel.get(i).get()).containsExactly(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private double cos(String a, String b) {
        return SentencePairs.cosine(embeddings.vector(a), embeddings.vector(b));
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
