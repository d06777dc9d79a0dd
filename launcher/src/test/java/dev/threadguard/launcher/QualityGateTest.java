package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Flag;
import dev.threadguard.moderation.evaluate.FlagScore;
import dev.threadguard.moderation.evaluate.Scores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGateTest {
    // F1 = 0.9 for duplicates (tp 9, fp 1, fn 1), 0.5 for off-topic (tp 1, fp 1, fn 1), 1.0 for support.
    private static final Scores SCORES = new Scores(100, 0, List.of(
            new FlagScore(Flag.DUPLICATE, 9, 1, 1, 0),
            new FlagScore(Flag.OFF_TOPIC, 1, 1, 1, 0),
            new FlagScore(Flag.SUPPORT_REQUEST, 2, 0, 0, 0)), 0.8, 9, 9, List.of());

    @Test
    void passesWithinTheToleranceAndNamesEachFlagThatFellFurther() {
        assertThat(QualityGate.regressions(SCORES, Map.of(Flag.DUPLICATE, 0.91, Flag.SUPPORT_REQUEST, 1.0), 0.02)).isEmpty();

        assertThat(QualityGate.regressions(SCORES, Map.of(Flag.DUPLICATE, 0.95, Flag.OFF_TOPIC, 0.52), 0.02))
                .singleElement().asString().startsWith("DUPLICATE F1 0.900");
    }

    @Test
    void readsABaselineFileAndRejectsUnknownFlagsAndBadNumbers(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.properties"), "# dev set\nDUPLICATE=0.98\nOFF_TOPIC = 0.8\n");
        Path unknown = Files.writeString(dir.resolve("unknown.properties"), "SPAM=0.5\n");
        Path bad = Files.writeString(dir.resolve("bad.properties"), "DUPLICATE=high\n");

        assertThat(QualityGate.read(good)).containsExactlyInAnyOrderEntriesOf(Map.of(Flag.DUPLICATE, 0.98, Flag.OFF_TOPIC, 0.8));
        assertThatThrownBy(() -> QualityGate.read(unknown)).hasMessageContaining("unknown flag 'SPAM'");
        assertThatThrownBy(() -> QualityGate.read(bad)).hasMessageContaining("DUPLICATE must be an F1");
    }
}
