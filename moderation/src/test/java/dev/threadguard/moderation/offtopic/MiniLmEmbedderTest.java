package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
    private final MiniLmEmbedder embedder = new MiniLmEmbedder();

    @Test
    void vectorsHaveUnitLengthAndMeaningDecidesTheDistance() {
        float[] bikes = embedder.embed("The council will build protected bicycle lanes downtown.");
        float[] paths = embedder.embed("New cycle paths are coming to the city centre.");
        float[] cake = embedder.embed("Bake the lemon cake for forty minutes.");
        assertThat(SentenceEmbedder.similarity(bikes, bikes)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(SentenceEmbedder.similarity(bikes, paths)).isGreaterThan(SentenceEmbedder.similarity(bikes, cake) + 0.2);
    }

    @Test
    void concurrentCallsGiveTheSameVectorsAsSequentialOnes() throws Exception {
        List<String> texts = List.of("My router drops the connection every evening.", "The election result surprised nobody.",
                "Add two eggs and a cup of flour.", "The striker scored twice in the second half.");
        List<float[]> sequential = texts.stream().map(embedder::embed).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String t : texts) {
                    futures.add(pool.submit(() -> embedder.embed(t)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).containsExactly(sequential.get(i % texts.size()), org.assertj.core.data.Offset.offset(1e-5f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlankTextIsRejected() {
        assertThatThrownBy(() -> embedder.embed("  ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }
}
