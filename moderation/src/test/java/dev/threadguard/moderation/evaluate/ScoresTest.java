package dev.threadguard.moderation.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoresTest {
    private static Verdict verdict(String id, String duplicateOf, Flag... flags) {
        return new Verdict(id, "a", Set.of(flags), duplicateOf, Map.of(), List.of(), "test", null);
    }

    private static Label label(String id, String kind, Set<Flag> flags, Set<Flag> uncertain, String duplicateOf) {
        return new Label(id, flags, duplicateOf, uncertain, kind);
    }

    @Test
    void countsFollowTheEvaluationSetRules() {
        List<Label> labels = List.of(
                label("c1", "exact-repost", Set.of(Flag.DUPLICATE), Set.of(), "c0"),    // found, right original
                label("c2", "near-dup-typo", Set.of(Flag.DUPLICATE), Set.of(), "c0"),   // found, wrong original
                label("c3", "near-dup-typo", Set.of(Flag.DUPLICATE), Set.of(), "c0"),   // missed
                label("c4", "native", Set.of(), Set.of(), null),                        // wrongly flagged DUPLICATE
                label("c5", "native", Set.of(), Set.of(Flag.OFF_TOPIC), null),          // OFF_TOPIC not scored
                label("c6", "transplant", Set.of(Flag.OFF_TOPIC), Set.of(), null),      // no verdict at all
                label("c7", null, Set.of(), Set.of(), null));
        Map<String, Verdict> verdicts = Map.of(
                "c1", verdict("c1", "c0", Flag.DUPLICATE),
                "c2", verdict("c2", "c1", Flag.DUPLICATE),
                "c3", verdict("c3", null),
                "c4", verdict("c4", "c1", Flag.DUPLICATE),
                "c5", verdict("c5", null, Flag.OFF_TOPIC),
                "c7", verdict("c7", null));

        Scores scores = Scores.of(labels, verdicts);

        assertThat(scores.labelled()).isEqualTo(7);
        assertThat(scores.missingVerdicts()).isEqualTo(1);
        FlagScore dup = scores.flag(Flag.DUPLICATE);
        assertThat(List.of(dup.truePositives(), dup.falsePositives(), dup.falseNegatives(), dup.uncertain()))
                .containsExactly(2, 1, 1, 0);
        assertThat(dup.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(dup.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(dup.f1()).isCloseTo(2.0 / 3, within(1e-9));
        FlagScore off = scores.flag(Flag.OFF_TOPIC);
        assertThat(List.of(off.truePositives(), off.falsePositives(), off.falseNegatives(), off.uncertain()))
                .containsExactly(0, 0, 1, 1);
        assertThat(off.precision()).isZero();
        assertThat(off.f1()).isZero();
        FlagScore support = scores.flag(Flag.SUPPORT_REQUEST);
        assertThat(support.support()).isZero();
        assertThat(support.precision()).isEqualTo(1.0);
        assertThat(support.recall()).isEqualTo(1.0);
        assertThat(scores.macroF1()).isCloseTo((2.0 / 3 + 0 + 1) / 3, within(1e-9));
        assertThat(scores.duplicatesFound()).isEqualTo(2);
        assertThat(scores.duplicateOfMatches()).isEqualTo(1);

        assertThat(scores.kinds()).extracting(KindScore::kind)
                .containsExactly("native", "near-dup-typo", "-", "exact-repost", "transplant");
        KindScore typo = scores.kinds().get(1);
        assertThat(typo.recall(Flag.DUPLICATE)).isEqualTo(0.5);
        assertThat(typo.recall(Flag.OFF_TOPIC)).isNaN();
        assertThat(scores.kinds().get(0).wronglyFlagged()).containsEntry(Flag.DUPLICATE, 1)
                .doesNotContainKey(Flag.OFF_TOPIC);
        assertThat(scores.kinds().get(4).recall(Flag.OFF_TOPIC)).isZero();
    }
}
