package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The static token vectors as the off-topic detector sees them: unit vectors, null where nothing is known. */
class StaticTextVectorsTest {
    private final StaticTextVectors vectors = new StaticTextVectors();

    @Test
    void givesUnitVectorsOfTheTablesDimension() {
        float[] v = vectors.vector("The ferry timetable changes on Sunday for the winter season.");
        assertThat(v).hasSize(vectors.dimension());
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void nullForTextWithoutAnyKnownPiece() {
        assertThat(vectors.vector("   ")).isNull();
        assertThat(vectors.vector(null)).isNull();
        assertThat(vectors.vector("\u2063\u2063")).isNull();
    }

    @Test
    void relatedTextsAreCloserThanUnrelatedOnes() {
        float[] boats = vectors.vector("The harbour ferry crossing was cancelled because of the storm and high waves.");
        float[] sailing = vectors.vector("Boats stayed in port all day: the sea was too rough for the crossing.");
        float[] baking = vectors.vector("Knead the dough for ten minutes, then let the bread rise in a warm oven.");
        assertThat(TextVectors.similarity(boats, sailing)).isGreaterThan(TextVectors.similarity(boats, baking));
    }
}
