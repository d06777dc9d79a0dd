package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasePatternTest {
    private static String[] words(String s) {
        return s.split(" ");
    }

    @Test
    void matchesAlternativesOptionalSlotsWildcardsAndPrefixes() {
        PhrasePattern p = PhrasePattern.parse("can|could someone [please] help");
        assertThat(p.matchAt(words("so can someone please help me"), 1)).isEqualTo(5);
        assertThat(p.matchAt(words("could someone help"), 0)).isEqualTo(3);
        assertThat(p.matchAt(words("can you help"), 0)).isEqualTo(-1);
        assertThat(PhrasePattern.parse("my [*] laptop").matchAt(words("my old laptop"), 0)).isEqualTo(3);
        assertThat(PhrasePattern.parse("keeps freez*").matchAt(words("it keeps freezing"), 1)).isEqualTo(3);
        assertThat(PhrasePattern.parse("keeps freez*").firstWords()).containsExactly("keeps");
    }

    @Test
    void aClassSlotAcceptsEveryWordOfTheClass() {
        PhrasePattern p = PhrasePattern.parse("my|mi @dev", java.util.Map.of("dev", java.util.List.of("printer", "impresora")));
        assertThat(p.matchAt(words("my printer"), 0)).isEqualTo(2);
        assertThat(p.matchAt(words("mi impresora"), 0)).isEqualTo(2);
        assertThat(p.matchAt(words("my bike"), 0)).isEqualTo(-1);
        assertThatThrownBy(() -> PhrasePattern.parse("my @nothing", java.util.Map.of())).hasMessageContaining("@nothing");
    }

    @Test
    void mustStartWithARequiredSlot() {
        assertThatThrownBy(() -> PhrasePattern.parse("[maybe] help")).hasMessageContaining("required slot");
    }

    @Test
    void aMatchAfterAKnownFirstWordEndsWhereTheWholeMatchEnds() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<String> vocabulary = new java.util.ArrayList<>();
        for (SupportCues.Definition d : SupportCues.DEFINITIONS) {
            d.patterns().forEach(p -> vocabulary.addAll(java.util.Arrays.asList(p.toString().replaceAll("[\\[\\]|*@]", " ").trim().split("\\s+"))));
        }
        vocabulary.addAll(SupportWords.CLASSES.get("device"));
        int compared = 0;
        for (SupportCues.Definition d : SupportCues.DEFINITIONS) {
            for (PhrasePattern p : d.patterns()) {
                if (p.firstWords() == null) {
                    continue;
                }
                List<String> firsts = List.copyOf(p.firstWords());
                for (int t = 0; t < 30; t++) {
                    String[] words = new String[1 + random.nextInt(6)];
                    words[0] = firsts.get(random.nextInt(firsts.size()));
                    for (int i = 1; i < words.length; i++) {
                        words[i] = vocabulary.get(random.nextInt(vocabulary.size()));
                    }
                    assertThat(p.matchAfterFirstWord(words, 0)).as("%s on %s", p, String.join(" ", words))
                            .isEqualTo(p.matchAt(words, 0));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1_000);
    }
}
