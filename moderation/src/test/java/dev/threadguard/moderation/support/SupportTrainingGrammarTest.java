package dev.threadguard.moderation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.moderation.support.SupportModelTrainer.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportTrainingGrammarTest {
    private static final String GRAMMAR = """
            # a comment
            !samples 50
            @dev = printer | laptop
            @dev += phone
            @when = ~ | since {event}
            @event = the update | yesterday
            + my {dev} is broken {when} .
            - she needs help with the {dev}.
            """;

    @Test
    void expandsTemplatesWithNestedSlotsLabelsAndNoRepeats() {
        List<Example> out = SupportTrainingGrammar.expand(GRAMMAR, 7);
        assertThat(out.stream().filter(Example::request).map(Example::text)).containsExactlyInAnyOrder(
                "My printer is broken.", "My laptop is broken.", "My phone is broken.",
                "My printer is broken since the update.", "My laptop is broken since the update.",
                "My phone is broken since the update.", "My printer is broken since yesterday.",
                "My laptop is broken since yesterday.", "My phone is broken since yesterday.");
        assertThat(out.stream().filter(e -> !e.request()).map(Example::text)).containsExactlyInAnyOrder(
                "She needs help with the printer.", "She needs help with the laptop.", "She needs help with the phone.");
    }

    @Test
    void theSameSeedGivesTheSameExamplesInTheSameOrder() {
        String few = GRAMMAR.replace("!samples 50", "!samples 3");
        assertThat(SupportTrainingGrammar.expand(few, 11)).isEqualTo(SupportTrainingGrammar.expand(few, 11));
    }

    @Test
    void lineBreaksInTemplatesMakeLists() {
        assertThat(SupportTrainingGrammar.expand("!samples 1\n- 1. yes\\n2. no", 1).get(0).text()).isEqualTo("1. yes\n2. no");
    }

    @Test
    void badLinesAndUnknownSlotsAreNamed() {
        assertThatThrownBy(() -> SupportTrainingGrammar.expand("what is this", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SupportTrainingGrammar.expand("+ my {gadget}", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{gadget}");
    }
}
