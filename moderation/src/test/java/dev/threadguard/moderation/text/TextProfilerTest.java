package dev.threadguard.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
