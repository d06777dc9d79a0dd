package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
