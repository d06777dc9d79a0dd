package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Comment;
import java.time.Instant;
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

    @Test
    void theCacheEmbedsWhatAReaderSeesNotTheCharactersPosted() {
        EmbeddingCache cache = new EmbeddingCache(vectors, 100, 10);
        String plain = "The harbour ferry crossing was cancelled because of the storm &amp; high waves.";
        // Cyrillic and Greek lookalikes (Greek capital Τ included), an HTML-escaped ampersand, full-width letters.
        String disguised = "\u03a4h\u0435 h\u0430rb\u043eur f\u0435rry \u0441r\u043essing was cancelled because "
                + "of the ｓｔｏｒｍ &amp; high w\u0430ves.";
        float[] a = cache.comment(new Comment("c-1", "a-1", null, "Ann", null, plain, Instant.EPOCH));
        float[] b = cache.comment(new Comment("c-2", "a-1", null, "Bo", null, disguised, Instant.EPOCH));
        assertThat(TextVectors.similarity(a, b)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
}
