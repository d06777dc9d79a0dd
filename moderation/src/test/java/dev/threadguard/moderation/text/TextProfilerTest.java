package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextProfilerTest {
    private final TextProfiler profiler = new TextProfiler(100);

    @Test
    void contentTermsAreStemmedWithoutFunctionWords() {
        TextProfile p = profiler.profile("I would never have thought the gardens were running out of water");
        assertThat(p.terms()).contains("garden", "run", "water").doesNotContain("i", "would", "have", "the", "were");
    }

    @Test
    void everydayWordsWeighLessThanRareOnes() {
        TermWeights w = profiler.weights();
        assertThat(w.weight(profiler.analyzer().terms("people").get(0))).isLessThan(w.weight(profiler.analyzer().terms("carburetor").get(0)));
        assertThat(w.weight("42")).isLessThan(TermWeights.RARE);
    }

    @Test
    void keysIgnoreCaseSpacingAndPunctuation() {
        assertThat(profiler.profile("Hello,   World!").key()).isEqualTo(profiler.profile("hello world").key());
        assertThat(profiler.profile("Hello,   World!").wordCount()).isEqualTo(2);
        assertThat(profiler.profile("").isEmpty()).isTrue();
    }

    @Test
    void shinglesAreSortedAndDistinct() {
        int[] s = TextProfiler.shingles("abababab");
        assertThat(s).hasSize(2); // "aba" and "bab"
        assertThat(s[0]).isLessThan(s[1]);
    }

    @Test
    void theRadixSortOrdersLikeArraysSort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length : new int[] {0, 1, 2, 63, 64, 65, 250, 1000}) {
            for (int round = 0; round < 20; round++) {
                int[] values = new int[length];
                for (int i = 0; i < length; i++) {
                    // Full range (negative values too) and, every other round, many repeats.
                    values[i] = round % 2 == 0 ? random.nextInt() : random.nextInt(-5, 5) * 1_000_003;
                }
                int[] expected = values.clone();
                Arrays.sort(expected);
                TextProfiler.sort(values);
                assertThat(values).as("length %d, round %d", length, round).containsExactly(expected);
            }
        }
        int[] extremes = {Integer.MAX_VALUE, 0, Integer.MIN_VALUE, -1, 1, 255, 256, -256, 65_536, -65_536};
        int[] many = new int[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = extremes[i % extremes.length];
        }
        int[] expected = many.clone();
        Arrays.sort(expected);
        TextProfiler.sort(many);
        assertThat(many).containsExactly(expected);
    }

    @Test
    void theTermSummaryNeverDeniesATermTheTextHas() {
        TextProfile p = profiler.profile("Protected bicycle lanes along Main Street will replace a row of parking spaces");
        assertThat(p.termCounts()).isNotEmpty();
        for (String term : p.termCounts().keySet()) {
            assertThat(p.mayContain(TextProfile.termBit(term))).as(term).isTrue();
        }
        TextProfile empty = profiler.profile("?!");
        assertThat(empty.mayContain(TextProfile.termBit("bicycl"))).isFalse();
    }

    @Test
    void lazyPartsAreComputedOnceAndAgreeWithAFreshProfile() {
        TextProfile p = profiler.profile("The gardens were running out of water, the gardener said.");
        assertThat(p.shingles()).isSameAs(p.shingles());
        assertThat(p.termCounts()).isSameAs(p.termCounts());
        TextProfile fresh = new TextProfiler(10).profile("The gardens were running out of water, the gardener said.");
        assertThat(fresh.shingles()).containsExactly(p.shingles());
        assertThat(fresh.terms()).isEqualTo(p.terms());
        assertThat(fresh.substance()).isEqualTo(p.substance());
    }
}
